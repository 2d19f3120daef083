import { commitmentsApiSuite, startCommitmentsApi } from './test-support/api-suite';

commitmentsApiSuite('PGlite on disk, in-process transport', () =>
  startCommitmentsApi({ DATABASE_URL: '', KAFKA_BROKERS: '' }),
);
