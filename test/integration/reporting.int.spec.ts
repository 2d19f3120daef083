import { createTestSchema, testKafkaBrokers } from '@cvl/testing';
import { reportingSuite } from './reporting.suite';

reportingSuite('real PostgreSQL and the real Kafka broker', async () => {
  const schema = await createTestSchema('reporting');
  return {
    env: { DATABASE_URL: schema.url, DB_SCHEMA: schema.schema, KAFKA_BROKERS: testKafkaBrokers().join(',') },
    cleanup: () => schema.drop(),
  };
});
