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
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema?: Schema }> } }
    >
  >;
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
      operations.push({
        method: method as Operation['method'],
        path,
        parameters: spec.parameters ?? [],
        ...(media?.schema ? { body: media.schema, bodyType } : {}),
        components,
      });
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
  "+cmd|' /C calc'!A0",
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

const NASTY_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER,
  1e308,
  [],
  {},
  [[[]]],
  { constructor: 'x' },
  { __proto__: { admin: true } },
];

function deep(depth: number): unknown {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i++) value = { n: value };
  return value;
}

const nastyString = fc.constantFrom(...NASTY_STRINGS);
const nasty = fc.oneof(
  nastyString,
  fc.constantFrom(...NASTY_VALUES),
  fc.constant(deep(40)),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++)
    current = components[current.$ref.replace('#/components/schemas/', '')] ?? {};
  if (current.allOf)
    return current.allOf.reduce<Schema>((merged, part) => {
      const resolved = resolve(part, components);
      return {
        ...merged,
        ...resolved,
        properties: { ...merged.properties, ...resolved.properties },
        required: [...(merged.required ?? []), ...(resolved.required ?? [])],
      };
    }, {});
  return current;
}

/** What the documents do not say but the field's name does: dates, amounts, reason codes, years. */
function byName(name: string): fc.Arbitrary<unknown> | undefined {
  if (/date$/i.test(name))
    return fc
      .date({ min: new Date('2014-01-01'), max: new Date('2021-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (/^(amount|newAmount|eligibleCost|feder|expenses|cost|requested|share)$/i.test(name))
    return fc
      .bigInt({ min: 1n, max: 500_000_000n })
      .map((cents) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`);
  if (name === 'reasonCode')
    return fc.constantFrom(
      'engagement-initial',
      'intention',
      'sollicitation',
      'previsionnel',
      'engagement-juridique',
      'paiement',
      'referentiel',
      'avenant',
      'clause-de-revoyure',
    );
  if (name === 'kind') return fc.constantFrom('document', 'act');
  if (name === 'year') return fc.integer({ min: 2015, max: 2020 });
  if (name === 'funder' || name === 'code')
    return fc.constantFrom('maisons-et-cites', 'anru', 'region', 'call', 'partenaires-publics');
  return undefined;
}

/** A value for a schema: well-formed (its examples often), and — unless `bent` is 0 — a field now and then bent. */
export function valueFor(
  schema: Schema | undefined,
  components: Record<string, Schema>,
  depth = 0,
  bent = 1,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return nasty;
  const s = resolve(schema, components);
  const choices = s.oneOf ?? s.anyOf;
  let plain: fc.Arbitrary<unknown>;
  if (choices) plain = fc.oneof(...choices.map((choice) => valueFor(choice, components, depth + 1, bent)));
  else if (s.enum) plain = fc.constantFrom(...s.enum);
  else if (s.type === 'object' || s.properties) {
    const properties = s.properties ?? {};
    const required = new Set(s.required ?? []);
    const fields = Object.fromEntries(
      Object.entries(properties).map(([name, inner]) => {
        const hinted =
          resolve(inner, components).type === 'string' || resolve(inner, components).type === 'integer'
            ? byName(name)
            : undefined;
        const value = hinted
          ? fc.oneof(
              { weight: 3, arbitrary: hinted },
              { weight: 1, arbitrary: valueFor(inner, components, depth + 1, bent) },
            )
          : valueFor(inner, components, depth + 1, bent);
        return [name, value];
      }),
    );
    // Required fields present most of the time (so deeper checks are reached), optional ones half of the time.
    plain = fc.record(fields).chain((record) =>
      fc
        .tuple(
          ...Object.keys(properties).map((name) =>
            fc.integer({ min: 0, max: 9 }).map((roll) => (required.has(name) ? roll < 9 : roll < 5)),
          ),
        )
        .map((keep) => {
          const names = Object.keys(properties);
          return Object.fromEntries(
            names
              .filter((_, i) => keep[i])
              .filter((name) => name in record)
              .map((name) => [name, (record as Record<string, unknown>)[name]]),
          );
        }),
    );
  } else if (s.type === 'array')
    plain = fc.array(valueFor(s.items, components, depth + 1, bent), { minLength: bent === 0 ? 1 : 0, maxLength: 4 });
  else if (s.type === 'integer') plain = fc.oneof(fc.integer({ min: 1990, max: 2030 }), fc.integer());
  else if (s.type === 'number') plain = fc.oneof(fc.double({ noNaN: true }), fc.integer());
  else if (s.type === 'boolean') plain = fc.boolean();
  else if (s.type === 'string') {
    plain = fc.oneof(
      s.format === 'date'
        ? fc
            .date({ min: new Date('2014-01-01'), max: new Date('2021-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10))
        : fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
      fc.constantFrom(
        'maisons-et-cites',
        'anru',
        'call',
        'QP062024',
        '1700000.00',
        '150000.00',
        '2016-01-20',
        'E2',
        'CALL',
      ),
    );
  } else plain = nasty;
  // One field in twelve bent: enough that most requests reach the deciders, enough that every check is tried.
  return bent === 0 ? plain : fc.oneof({ weight: 11, arbitrary: plain }, { weight: bent, arbitrary: nasty });
}

/** Every byte of the UTF-8 text as %XX (encodeURIComponent throws on a lone surrogate; a client may still send one). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

/** A path segment: a plausible id, or one that must be refused (or not found) without a 500. */
export const pathSegment = fc.oneof(
  fc.constantFrom('maisons-et-cites', 'anru', 'npnru-call', 'mc-rehab', 'funders', 'commitments', 'x'),
  nastyString.map(percentEncoded),
  fc.constantFrom('%00', '..%2F..%2Fetc', '%C0%AE', '%E0%A4%A', '%'),
);
