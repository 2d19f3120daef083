import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { openApiFile } from '../../tools/openapi/openapi-documents';

/** A client's code, type-checked against the types openapi-typescript generates from a committed document. */
function typeCheck(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cvl-client-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const program = ts.createProgram([join(dir, 'client.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      skipLibCheck: true,
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file ? `${d.file.fileName.slice(dir.length + 1)} : ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The types a client's build generates from a service's committed document (openapi-typescript's CLI). */
function generatedTypes(service: string): string {
  // The CLI, as a client's build runs it (the package is ESM-only inside: its CLI is the stable way in).
  const dir = mkdtempSync(join(tmpdir(), 'cvl-openapi-ts-'));
  try {
    const out = join(dir, `${service}.ts`);
    execFileSync(
      join(__dirname, '..', '..', 'node_modules', '.bin', 'openapi-typescript'),
      [openApiFile(service), '-o', out],
      { stdio: 'pipe' },
    );
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const JSON_OF = `type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;`;

// What a partner's developer does with contracts/http: generate a typed client, then call a service. The calls
// below must compile with typed answers — and a field the document does not declare must not (a response typed
// `any` or `never` fails either way).
describe('a client generated from the suite’s OpenAPI documents', () => {
  let types: string;
  beforeAll(() => {
    types = generatedTypes('commitments');
  }, 60_000);

  it('types the answers of the ledger’s routes', () => {
    const client = `
      import type { paths } from './commitments';
      ${JSON_OF}
      type Commitment = Json<paths['/api/commitments/commitments/{id}']['get']['responses'][200]>;
      type Recorded = Json<paths['/api/commitments/commitments']['post']['responses'][201]>;
      type Firmed = Json<paths['/api/commitments/commitments/{id}/firm']['post']['responses'][200]>;
      type Envelope = Json<paths['/api/commitments/envelopes/{id}']['get']['responses'][200]>;
      type Listed = Json<paths['/api/commitments/commitments']['get']['responses'][200]>;
      type Statement = Json<paths['/api/commitments/funders/{code}/statement']['get']['responses'][200]>;
      declare const statement: Statement;
      export const remaining: string = statement.totals.outstanding;
      export const quartier: string | undefined = statement.by.quartier[0]?.key;
      declare const commitment: Commitment;
      declare const recorded: Recorded;
      declare const firmed: Firmed;
      declare const envelope: Envelope;
      declare const listed: Listed;
      export const outstanding: string = commitment.figures.outstanding;
      export const formatted: string = commitment.figures.formatted.paid;
      export const version: number = recorded.version;
      export const status: 'indicative' | 'conditional' | 'firm' | 'lapsed' = firmed.status;
      export const available: string = envelope.available;
      export const first: string | undefined = listed.items[0]?.id;
      type Refused = paths['/api/commitments/commitments']['post']['responses'][422]['content']['application/problem+json'];
      declare const refused: Refused;
      export const excess: string | undefined = refused.excess;
      // @ts-expect-error a field the document does not declare
      export const invented = commitment.notAField;
    `;
    expect(typeCheck({ 'commitments.ts': types, 'client.ts': client })).toEqual([]);
  });

  it('types the answers of reporting’s views, JSON or file', () => {
    const client = `
      import type { paths } from './reporting';
      ${JSON_OF}
      type Matrix = Json<paths['/api/reporting/co-financing']['get']['responses'][200]>;
      type Card = Json<paths['/api/reporting/operations/{source}/{programme}/{operation}']['get']['responses'][200]>;
      type Statement = Json<paths['/api/reporting/funders/{funder}/statement']['get']['responses'][200]>;
      type Provenance = Json<paths['/api/reporting/provenance']['get']['responses'][200]>;
      type Integrity = Json<paths['/api/reporting/integrity']['get']['responses'][200]>;
      type Rebuild = Json<paths['/api/reporting/replay']['post']['responses'][202]>;
      type Pdf = paths['/api/reporting/co-financing']['get']['responses'][200]['content']['application/pdf'];
      declare const matrix: Matrix;
      declare const card: Card;
      declare const statement: Statement;
      declare const provenance: Provenance;
      declare const integrity: Integrity;
      declare const rebuild: Rebuild;
      declare const pdf: Pdf;
      export const firm: string = matrix.total.firm;
      export const year: number | undefined = matrix.rows[0]?.year;
      export const share: number | null | undefined = card.funders[0]?.share;
      export const quartier: string | undefined = statement.by.quartier[0]?.quartier;
      export const subject: string | undefined = provenance.commitments[0]?.events[0]?.actor.subject;
      export const ok: boolean = integrity.ok;
      export const phase: 'stores' | 'transport' = rebuild.phase;
      export const bytes: string = pdf;
      // @ts-expect-error a field the document does not declare
      export const invented = matrix.notAField;
    `;
    expect(typeCheck({ 'reporting.ts': generatedTypes('reporting'), 'client.ts': client })).toEqual([]);
  });

  it('types the answers of the programmes’ routes', () => {
    const client = `
      import type { paths as Npnru } from './renewal-urban';
      import type { paths as Iti } from './iti-feder';
      ${JSON_OF}
      type Protocol = Json<Npnru['/api/renewal-urban/protocols/{id}']['get']['responses'][200]>;
      type Programme = Json<Iti['/api/iti-feder/programmes/{id}']['get']['responses'][200]>;
      declare const protocol: Protocol;
      declare const programme: Programme;
      export const protocolId: string = protocol.id;
      export const programmeId: string = programme.id;
      // @ts-expect-error a field the document does not declare
      export const invented = programme.notAField;
    `;
    expect(
      typeCheck({
        'renewal-urban.ts': generatedTypes('renewal-urban'),
        'iti-feder.ts': generatedTypes('iti-feder'),
        'client.ts': client,
      }),
    ).toEqual([]);
  });
});
