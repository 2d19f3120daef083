import { coFinancingSuite } from './co-financing.suite';

coFinancingSuite('embedded: PGlite and the in-process transport', async () => ({
  env: { DATABASE_URL: '', KAFKA_BROKERS: '' },
}));
