import { npnruBookingSuite } from './npnru-booking.suite';

npnruBookingSuite('embedded: PGlite and the in-process transport', async () => ({
  env: { DATABASE_URL: '', KAFKA_BROKERS: '' },
}));
