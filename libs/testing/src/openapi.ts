import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

type Responses = Record<string, { content?: Record<string, { schema?: object }> }>;
type OpenApiDocument = {
  paths: Record<string, Record<string, { responses?: Responses }>>;
  components?: { schemas?: Record<string, object> };
};

/**
 * Checks answers against a committed OpenAPI document (contracts/http): what an API test received must be what the
 * document promises for that route and status — so a generated client's types do not lie. Gives what does not
 * hold, in words (none: an empty list).
 */
export function answersAsDocumented(documentFile: string) {
  const document = JSON.parse(readFileSync(documentFile, 'utf8')) as OpenApiDocument;
  // OpenAPI 3.0 schemas, with `example` and the like: not strict JSON Schema keywords.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'document', components: document.components ?? {} });
  return (method: string, path: string, status: number, body: unknown): string[] => {
    const content = document.paths[path]?.[method]?.responses?.[String(status)]?.content ?? {};
    const schema = (content['application/json'] ?? content['application/problem+json'])?.schema;
    if (!schema) return [`${method} ${path} ${status} : aucune réponse documentée`];
    const validate = ajv.compile(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"document#/components/')),
    );
    return validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${method} ${path} ${status} : ${e.instancePath || '/'} ${e.message ?? ''}`);
  };
}

/**
 * Compiles only when a route's view (what its handler returns) has the shape its documented response declares: the
 * check is the type-check of the spec using it (npm test type-checks first), so a view that gains, renames or
 * retypes a declared field no longer compiles. Gives the name back, for the spec to count what it holds.
 */
export const conforms = <_View extends Documented, Documented>(name: string): string => name;
