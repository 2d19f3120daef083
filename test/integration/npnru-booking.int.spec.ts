import { createTestSchema, testKafkaBrokers } from '@cvl/testing';
import { npnruBookingSuite } from './npnru-booking.suite';

npnruBookingSuite('real PostgreSQL and the real Kafka broker', async () => {
  const schema = await createTestSchema('npnru');
  return {
    env: { DATABASE_URL: schema.url, DB_SCHEMA: schema.schema, KAFKA_BROKERS: testKafkaBrokers().join(',') },
    cleanup: () => schema.drop(),
  };
});
