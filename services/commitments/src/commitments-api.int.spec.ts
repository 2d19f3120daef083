import { createTestSchema } from '@cvl/testing';
import { commitmentsApiSuite, startCommitmentsApi } from './test-support/api-suite';

commitmentsApiSuite('PostgreSQL', async () => {
  const schema = await createTestSchema('commitments');
  const harness = await startCommitmentsApi({ DATABASE_URL: schema.url, DB_SCHEMA: schema.schema });
  return {
    ...harness,
    close: async () => {
      await harness.close();
      await schema.drop();
    },
  };
});
