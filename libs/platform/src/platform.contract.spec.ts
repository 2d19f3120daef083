import { openSqlEventStore } from '@cvl/event-store';
import { InProcessBus } from '@cvl/messaging';
import { migratePlatform } from './http/idempotency.store';
import { platformApiSuite } from './test-support/platform-api.suite';

platformApiSuite('PGlite and in-process transport', async () => {
  const opened = await openSqlEventStore({});
  await migratePlatform(opened.client);
  const bus = await InProcessBus.open(opened.client);
  return {
    store: opened.store,
    sql: opened.client,
    storeKind: opened.kind,
    bus,
    close: async () => {
      await bus.close();
      await opened.store.close();
    },
  };
});
