import { existsSync, readFileSync } from 'node:fs';
import { openApiDocuments, openApiFile, SERVICES } from '../../tools/openapi/openapi-documents';

type Operation = {
  summary?: string;
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

// contracts/http holds the documents the suite serves: a route, a DTO or a refusal changed without `npm run
// contracts:openapi` fails here, naming the document. Redocly lints these files in `npm run lint`.
describe('the OpenAPI documents in contracts/http', () => {
  let served: Record<string, string>;
  beforeAll(async () => {
    served = await openApiDocuments();
  }, 120_000);

  it.each(SERVICES)('%s: the committed document is the one the suite serves', (service) => {
    expect(existsSync(openApiFile(service))).toBe(true);
    expect({ service, upToDate: readFileSync(openApiFile(service), 'utf8') === served[service] }).toEqual({
      service,
      upToDate: true,
    });
  });

  it.each(SERVICES)('%s: every write declares its problems and accepts an Idempotency-Key', (service) => {
    const document = JSON.parse(served[service]) as Document;
    const writes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ route: `${method} ${path}`, operation })),
    );
    expect(writes.length).toBeGreaterThan(0);
    for (const { route, operation } of writes) {
      expect({
        route,
        statuses: ['400', '401', '403', '409', '422', '503'].filter((s) => !operation.responses[s]),
      }).toEqual({
        route,
        statuses: [],
      });
      expect({
        route,
        idempotent: operation.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
      }).toEqual({
        route,
        idempotent: true,
      });
    }
  });

  it.each(SERVICES)('%s: every operation declares the schema of its success answer', (service) => {
    const document = JSON.parse(served[service]) as Document;
    const undeclared = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => {
          const successes = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
          return !successes.some(
            ([status, answer]) =>
              status === '204' || Object.values(answer.content ?? {}).some((media) => media.schema !== undefined),
          );
        })
        .map(([method]) => `${method} ${path}`),
    );
    expect({ service, undeclared }).toEqual({ service, undeclared: [] });
  });

  it('the ledger’s lifecycle commands document If-Match', () => {
    const document = JSON.parse(served.commitments) as Document;
    const withIfMatch = Object.entries(document.paths)
      .filter(([, item]) => item.post?.parameters?.some((p) => p.in === 'header' && p.name === 'If-Match'))
      .map(([path]) => path.split('/').pop())
      .sort();
    expect(withIfMatch).toEqual(['amendments', 'conditional', 'firm', 'payments', 'release', 'splits']);
  });
});
