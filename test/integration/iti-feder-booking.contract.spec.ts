import { itiBookingSuite } from './iti-feder-booking.suite';

itiBookingSuite('embedded: PGlite and the in-process transport', async () => ({
  env: { DATABASE_URL: '', KAFKA_BROKERS: '' },
}));
