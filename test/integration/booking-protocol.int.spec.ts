import { createTestSchema, testKafkaBrokers } from '@cvl/testing';
import { bookingProtocolSuite } from './booking-protocol.suite';

bookingProtocolSuite('real PostgreSQL and the real Kafka broker', async () => {
  const schema = await createTestSchema('booking_protocol');
  return {
    env: { DATABASE_URL: schema.url, DB_SCHEMA: schema.schema, KAFKA_BROKERS: testKafkaBrokers().join(',') },
    cleanup: () => schema.drop(),
  };
});
