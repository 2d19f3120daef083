/*
 * TypeScript types for the published events, generated from their JSON Schemas in contracts/events (the schemas
 * are the contract; these types are its shadow in code, so producers and consumers cannot drift from it).
 *
 *   npm run contracts:types     writes libs/contracts/src/generated/<service>.ts
 *
 * A contract-tier test regenerates them in memory and fails when a file differs from its schemas.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { format } from 'prettier';

const root = join(__dirname, '..', '..');
const eventsDir = join(root, 'contracts', 'events');
export const GENERATED_DIR = join(root, 'libs', 'contracts', 'src', 'generated');

type Schema = Record<string, unknown>;

/** Names a definition may not take: they would hide TypeScript's own. */
const GLOBAL_NAMES: Record<string, string> = { Date: 'CalendarDate' };

/** « commitment-recorded » v1 → « CommitmentRecordedV1 ». */
function typeName(name: string, version: string): string {
  return `${name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase())}V${version}`;
}

function definitionName(name: string): string {
  const pascal = typeName(name, '').slice(0, -1);
  return GLOBAL_NAMES[pascal] ?? pascal;
}

/** A schema with its references to _defs made local, its conditions (if/then) left to the validator. */
function localised(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(localised);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === '$schema' || key === '$id' || key === 'allOf' || key === 'if' || key === 'then') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^_defs\.schema\.json#/, '#');
    else out[key] = localised(value);
  }
  // A reference with a description beside it would become a type of its own (Code1, Code2…): the reference alone.
  if (typeof out.$ref === 'string') return { $ref: out.$ref };
  return out;
}

/** The generated module of one service: one type per event version, the shared definitions, the union of all. */
async function serviceTypes(service: string): Promise<string> {
  const dir = join(eventsDir, service);
  const files = readdirSync(dir).sort();
  const defs: Schema = {};
  const shared = files.find((f) => f === '_defs.schema.json');
  if (shared) {
    const parsed = JSON.parse(readFileSync(join(dir, shared), 'utf8')) as { $defs?: Schema };
    for (const [name, def] of Object.entries(parsed.$defs ?? {}))
      defs[name] = { ...(localised(def) as Schema), title: definitionName(name) };
  }
  const events: string[] = [];
  const byType = new Map<string, string[]>();
  for (const file of files) {
    const match = /^(.+)\.v(\d+)\.schema\.json$/.exec(file);
    if (!match || file.startsWith('_')) continue;
    const name = typeName(match[1], match[2]);
    const schema = localised(JSON.parse(readFileSync(join(dir, file), 'utf8'))) as Schema;
    defs[name] = { ...schema, title: name, description: String(schema.title ?? '') };
    events.push(name);
    const type = `${service}.${match[1]}`;
    byType.set(type, [...(byType.get(type) ?? []), name]);
  }
  const unionName = `${typeName(service, '').slice(0, -1)}EventData`;
  const rootSchema = {
    title: unionName,
    description: `The data of any event ${service} publishes (contracts/events/${service}).`,
    anyOf: events.map((name) => ({ $ref: `#/$defs/${name}` })),
    $defs: defs,
  } as unknown as JSONSchema;
  const banner = `/* Generated from contracts/events/${service} by \`npm run contracts:types\`: do not edit by hand. */`;
  const text = await compile(rootSchema, unionName, {
    bannerComment: banner,
    additionalProperties: false,
    declareExternallyReferenced: true,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: true,
    format: false,
  });
  // The data of each event type (any of its versions): a consumer switching on `type` reads typed data.
  const serviceName = typeName(service, '').slice(0, -1);
  const eventMap = [
    `/** Each event type ${service} publishes, with its data (any version the contract holds). */`,
    `export interface ${serviceName}Events {`,
    ...[...byType].map(([type, names]) => `  '${type}': ${names.join(' | ')};`),
    '}',
    '',
    `/** An event of ${service} as a consumer reads it once its edge has checked it: its type tells its data. */`,
    `export type ${serviceName}Event = { [T in keyof ${serviceName}Events]: { type: T; data: ${serviceName}Events[T] } }[keyof ${serviceName}Events];`,
  ].join('\n');
  return format(`${text}\n${eventMap}\n`, {
    ...(JSON.parse(readFileSync(join(root, '.prettierrc.json'), 'utf8')) as object),
    parser: 'typescript',
  });
}

/** Every service's generated module, by file path. */
export async function contractTypes(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!existsSync(eventsDir)) return out;
  for (const service of readdirSync(eventsDir, { withFileTypes: true }).filter((d) => d.isDirectory()))
    out.set(join(GENERATED_DIR, `${service.name}.ts`), await serviceTypes(service.name));
  return out;
}

if (require.main === module) {
  contractTypes()
    .then((files) => {
      for (const [path, text] of files) {
        writeFileSync(path, text);
        console.log(`écrit : ${path.slice(root.length + 1)}`);
      }
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
