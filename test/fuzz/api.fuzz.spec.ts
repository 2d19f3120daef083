/*
 * The fuzz tier: requests generated from the four services' OpenAPI documents (fast-check), sent to the suite as
 * npm start runs it (the four services in one process, PGlite, the in-process transport), as an administrator so
 * that every route is reached. A bounded number per run (FUZZ_REQUESTS, 2 000 by default); the seed is printed, so
 * a failure is replayed with FUZZ_SEED. Asserted: no 5xx, ever; and a refused request writes no event.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { embeddedSuite } from '../../services/suite/src/suite';
import { startApi, type Harness } from '../../services/renewal-urban/src/test-support/api-suite';
import { operationsOf, pathSegment, valueFor, type Operation, type Schema } from './openapi-arbitraries';

const SERVICES = ['commitments', 'renewal-urban', 'iti-feder', 'reporting'];
const REQUESTS = Math.max(1, Math.min(Number(process.env.FUZZ_REQUESTS ?? 2_000) || 2_000, 100_000));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
// Routes whose work is long by design and already tested on their own: a rebuild per request would measure
// nothing but time. Their input checks are still fuzzed (their query and body), their work is not started.
const SLOW = new Set(['post /api/reporting/replay']);

const SEEDED_IDS = [
  'mc-construction-750',
  'mc-thermique-partenaires',
  'maisons-et-cites',
  'tfpb-maisons-et-cites',
  'npnru-call',
  'feder-iti',
  'op-1',
];
function knownSegment(schema: Schema | undefined): fc.Arbitrary<string> {
  if (schema?.enum?.length) return fc.constantFrom(...schema.enum.map(String));
  return fc.constantFrom(...SEEDED_IDS, ...(typeof schema?.example === 'string' ? [schema.example] : []));
}

describe('fuzz: the four APIs from their OpenAPI documents', () => {
  let h: Harness;
  let operations: Array<Operation & { components: Record<string, Schema> }> = [];
  beforeAll(async () => {
    h = await startApi(embeddedSuite.modules, { RATE_LIMIT_COSTLY_PER_MINUTE: '100000' }, embeddedSuite.docs);
    for (const service of SERVICES) {
      const document = (await h.http().get(`/api/${service}/docs/openapi.json`).expect(200)).body;
      operations.push(...operationsOf(document));
    }
    operations = operations.filter((operation) => !SLOW.has(`${operation.method} ${operation.path}`));
    // The contract's references and a few commitments first, so that generated commands meet known funders.
    const small = readFileSync(
      join(__dirname, '..', '..', 'services', 'commitments', 'src', 'import-data-set', 'fixtures', 'small.json'),
      'utf8',
    );
    await h
      .http()
      .post('/api/commitments/imports')
      .set(h.auth)
      .set('Content-Type', 'application/vnd.cvl.jeu-de-donnees+json')
      .send(small)
      .expect(201);
  }, 120_000);
  afterAll(async () => h?.close());

  const eventCount = async () =>
    Number((await h.infra.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0].n);

  it(`answers ${REQUESTS} generated requests with no 5xx, and a refused one writes nothing (seed printed)`, async () => {
    process.stdout.write(
      `fuzz : ${operations.length} opérations, ${REQUESTS} requêtes, graine ${SEED} (FUZZ_SEED=${SEED} pour rejouer)\n`,
    );
    expect(operations.length).toBeGreaterThan(30);
    const request = fc.integer({ min: 0, max: operations.length - 1 }).chain((index) => {
      const operation = operations[index];
      const params = operation.parameters;
      return fc.record({
        index: fc.constant(index),
        // A path id from the document (its enum, its example), an id the seed data holds, or a bent one.
        path: fc
          .tuple(
            ...params
              .filter((p) => p.in === 'path')
              .map((p) =>
                fc.oneof({ weight: 3, arbitrary: knownSegment(p.schema) }, { weight: 1, arbitrary: pathSegment }),
              ),
          )
          .map((segments) => {
            let i = 0;
            return operation.path.replace(/\{[^}]+\}/g, () => segments[i++] ?? 'x');
          }),
        query: fc.tuple(
          ...params
            .filter((p) => p.in === 'query')
            .map((p) =>
              fc.option(
                valueFor(p.schema, operation.components).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
                { nil: undefined },
              ),
            ),
        ),
        // A third of the bodies well-formed all through, to reach the deciders; the others bent here and there.
        body: operation.body
          ? fc.constantFrom(0, 1, 1).chain((bent) => valueFor(operation.body, operation.components, 0, bent))
          : fc.constant(undefined),
      });
    });
    const samples = fc.sample(request, { numRuns: REQUESTS, seed: SEED });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let events = await eventCount();
    for (const sample of samples) {
      const operation = operations[sample.index];
      const query = new URLSearchParams();
      operation.parameters
        .filter((p) => p.in === 'query')
        .forEach((p, i) => {
          const value = sample.query[i];
          if (value !== undefined) query.set(p.name, String(value).slice(0, 2_000));
        });
      const url = `${sample.path}${query.size ? `?${query}` : ''}`;
      let call = h.http()[operation.method](url).set(h.auth);
      if (sample.body !== undefined && operation.method !== 'get')
        call = call.set('Content-Type', 'application/json').send(JSON.stringify(sample.body) as never);
      const response = await call;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const after = await eventCount();
      const what = `${operation.method.toUpperCase()} ${url.slice(0, 160)} ${JSON.stringify(sample.body)?.slice(0, 300) ?? ''}`;
      if (response.status >= 500)
        failures.push(`${response.status} ← ${what} → ${JSON.stringify(response.body).slice(0, 300)}`);
      else if (response.status >= 400 && after !== events)
        failures.push(`${response.status} mais ${after - events} événement(s) écrit(s) ← ${what}`);
      events = after;
      if (failures.length >= 20) break;
    }
    process.stdout.write(
      `fuzz : statuts ${[...statuses.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([status, count]) => `${status}×${count}`)
        .join(', ')}\n`,
    );
    expect(failures).toEqual([]);
    // The generator reaches past the edge: some requests are accepted, most are refused, none breaks the server.
    expect([...statuses.keys()].some((status) => status < 300)).toBe(true);
  }, 600_000);
});
