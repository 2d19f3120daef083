import { bookingProtocolSuite } from './booking-protocol.suite';

bookingProtocolSuite('embedded: PGlite and the in-process transport', async () => ({
  env: { DATABASE_URL: '', KAFKA_BROKERS: '' },
}));
