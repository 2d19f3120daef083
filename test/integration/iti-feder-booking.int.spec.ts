import { createTestSchema, testKafkaBrokers } from '@cvl/testing';
import { itiBookingSuite } from './iti-feder-booking.suite';

itiBookingSuite('real PostgreSQL and the real Kafka broker', async () => {
  const schema = await createTestSchema('iti');
  return {
    env: { DATABASE_URL: schema.url, DB_SCHEMA: schema.schema, KAFKA_BROKERS: testKafkaBrokers().join(',') },
    cleanup: () => schema.drop(),
  };
});
