import { openSqlEventStore } from '@cvl/event-store';
import { KafkaBus } from '@cvl/messaging';
import { createTestSchema, testKafkaBrokers } from '@cvl/testing';
import { migratePlatform } from './http/idempotency.store';
import { platformApiSuite } from './test-support/platform-api.suite';

platformApiSuite('PostgreSQL and Kafka', async () => {
  const schema = await createTestSchema('platform');
  const opened = await openSqlEventStore({ databaseUrl: schema.url, schema: schema.schema });
  await migratePlatform(opened.client);
  const bus = new KafkaBus({ brokers: testKafkaBrokers(), clientId: 'platform-int' });
  return {
    store: opened.store,
    sql: opened.client,
    storeKind: opened.kind,
    bus,
    close: async () => {
      await bus.close();
      await opened.store.close();
    },
    cleanup: () => schema.drop(),
  };
});
