import { createTestSchema, testKafkaBrokers } from '@cvl/testing';
import { coFinancingSuite } from './co-financing.suite';

coFinancingSuite('real PostgreSQL and the real Kafka broker', async () => {
  const schema = await createTestSchema('cofin');
  return {
    env: { DATABASE_URL: schema.url, DB_SCHEMA: schema.schema, KAFKA_BROKERS: testKafkaBrokers().join(',') },
    cleanup: () => schema.drop(),
  };
});
