/*
 * The four services' OpenAPI documents, as the suite serves them (the embedded mode on a throwaway PGlite), kept in
 * contracts/http so that a client is generated from them and a linter checks them without starting anything.
 *
 *   npm run contracts:openapi     writes contracts/http/<service>.openapi.json
 *
 * A contract-tier test builds them again and fails when a file differs from what the code serves.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'prettier';
import { embeddedSuite } from '../../services/suite/src/suite';
import { startApi } from '../../services/renewal-urban/src/test-support/api-suite';

export const OPENAPI_DIR = join(__dirname, '..', '..', 'contracts', 'http');
export const SERVICES = ['commitments', 'renewal-urban', 'iti-feder', 'reporting'] as const;

export const openApiFile = (service: string) => join(OPENAPI_DIR, `${service}.openapi.json`);

/** Each service's document, formatted as it is committed. */
export async function openApiDocuments(): Promise<Record<string, string>> {
  const harness = await startApi(embeddedSuite.modules, {}, embeddedSuite.docs);
  try {
    const documents: Record<string, string> = {};
    for (const service of SERVICES) {
      const response = await harness.http().get(`/api/${service}/docs/openapi.json`).expect(200);
      documents[service] = await format(JSON.stringify(response.body), { parser: 'json', printWidth: 120 });
    }
    return documents;
  } finally {
    await harness.close();
  }
}

if (require.main === module) {
  void openApiDocuments().then((documents) => {
    for (const [service, text] of Object.entries(documents)) writeFileSync(openApiFile(service), text);
    process.stdout.write(`${Object.keys(documents).length} documents écrits dans contracts/http\n`);
    process.exit(0);
  });
}
