import { reportingSuite } from './reporting.suite';

reportingSuite('embedded: PGlite and the in-process transport', async () => ({
  env: { DATABASE_URL: '', KAFKA_BROKERS: '' },
}));
