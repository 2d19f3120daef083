/*
 * Requests made from the services' own OpenAPI documents, as fast-check arbitraries: each operation's path, query
 * and body, close enough to valid to go past the first checks, and bent in the ways issue 12 found that break
 * servers — a missing nested object, deep nesting, NUL and lone surrogates, impossible dates, huge amounts, path
 * ids like `../../etc` or `%00`, `constructor` and `__proto__` as names.
 */
import fc from 'fast-check';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  parameters: Array<{ name: string; in: 'path' | 'query' | 'header'; schema?: Schema }>;
  body?: Schema;
  bodyType?: string;
}

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  pattern?: string;
  example?: unknown;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export function operationsOf(document: OpenApiDocument): Array<Operation & { components: Record<string, Schema> }> {
  const components = document.components?.schemas ?? {};
  const operations: Array<Operation & { components: Record<string, Schema> }> = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = spec.requestBody?.content ?? {};
      const [bodyType, media] = Object.entries(content)[0] ?? [];
      operations.push({ method: method as Operation['method'], path, parameters: spec.parameters ?? [], ...(media?.schema ? { body: media.schema, bodyType } : {}), components });
    }
  }
  return operations;
}

/** Strings that have broken servers, or should be refused by them. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u0007\u001b[31m',
  '../../etc/passwd',
  '..%2F..%2Fetc',
  '%00',
  'constructor',
  '__proto__',
  'prototype',
  '=HYPERLINK("http://evil")',
  '+cmd|\' /C calc\'!A0',
  '2016-02-30',
  '0000-00-00',
  '9999-99-99',
  '2015-07-01T25:61:00Z',
  '9999999999999.99',
  '-1.00',
  '1e308',
  'NaN',
  '1,7 M€',
  'x'.repeat(5_000),
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  'Liévin « Vent de Bise » 💶',
];

const NASTY_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308, [], {}, [[[]]], { constructor: 'x' }, { __proto__: { admin: true } }];

function deep(depth: number): unknown {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i++) value = { n: value };
  return value;
}

const nastyString = fc.constantFrom(...NASTY_STRINGS);
const nasty = fc.oneof(nastyString, fc.constantFrom(...NASTY_VALUES), fc.constant(deep(40)), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) current = components[current.$ref.replace('#/components/schemas/', '')] ?? {};
  if (current.allOf) return current.allOf.reduce<Schema>((merged, part) => {
    const resolved = resolve(part, components);
    return { ...merged, ...resolved, properties: { ...merged.properties, ...resolved.properties }, required: [...(merged.required ?? []), ...(resolved.required ?? [])] };
  }, {});
  return current;
}

/** A value for a schema: mostly well-formed (its examples often), now and then bent. */
export function valueFor(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return nasty;
  const s = resolve(schema, components);
  const choices = s.oneOf ?? s.anyOf;
  let plain: fc.Arbitrary<unknown>;
  if (choices) plain = fc.oneof(...choices.map((choice) => valueFor(choice, components, depth + 1)));
  else if (s.enum) plain = fc.constantFrom(...s.enum);
  else if (s.type === 'object' || s.properties) {
    const properties = s.properties ?? {};
    const required = new Set(s.required ?? []);
    const fields = Object.fromEntries(Object.entries(properties).map(([name, inner]) => [name, valueFor(inner, components, depth + 1)]));
    // Required fields present most of the time (so deeper checks are reached), optional ones half of the time.
    plain = fc.record(fields, { requiredKeys: [] }).chain((record) =>
      fc.tuple(...Object.keys(properties).map((name) => fc.integer({ min: 0, max: 9 }).map((roll) => (required.has(name) ? roll < 9 : roll < 5)))).map((keep) => {
        const names = Object.keys(properties);
        return Object.fromEntries(names.filter((_, i) => keep[i]).filter((name) => name in record).map((name) => [name, (record as Record<string, unknown>)[name]]));
      }),
    );
  } else if (s.type === 'array') plain = fc.array(valueFor(s.items, components, depth + 1), { maxLength: 4 });
  else if (s.type === 'integer') plain = fc.oneof(fc.integer({ min: 1990, max: 2030 }), fc.integer());
  else if (s.type === 'number') plain = fc.oneof(fc.double({ noNaN: true }), fc.integer());
  else if (s.type === 'boolean') plain = fc.boolean();
  else if (s.type === 'string') {
    plain = fc.oneof(
      s.format === 'date' ? fc.date({ min: new Date('2014-01-01'), max: new Date('2021-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) : fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
      fc.constantFrom('maisons-et-cites', 'anru', 'call', 'QP062024', '1700000.00', '150000.00', '2016-01-20', 'E2', 'CALL'),
    );
  } else plain = nasty;
  // One field in twelve bent: enough that most requests reach the deciders, enough that every check is tried.
  return fc.oneof({ weight: 11, arbitrary: plain }, { weight: 1, arbitrary: nasty });
}

/** Every byte of the UTF-8 text as %XX (encodeURIComponent throws on a lone surrogate; a client may still send one). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

/** A path segment: a plausible id, or one that must be refused (or not found) without a 500. */
export const pathSegment = fc.oneof(fc.constantFrom('maisons-et-cites', 'anru', 'npnru-call', 'mc-rehab', 'funders', 'commitments', 'x'), nastyString.map(percentEncoded), fc.constantFrom('%00', '..%2F..%2Fetc', '%C0%AE', '%E0%A4%A', '%'));
