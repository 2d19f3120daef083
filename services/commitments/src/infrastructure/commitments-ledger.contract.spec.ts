import { openSqlEventStore } from '@cvl/event-store';
import { ledgerRaceSuite } from '../test-support/ledger-races';

// PGlite has one connection: the two ledgers' appends take turns in the database, but each ledger decides on its
// own state, as two processes would, so the tag conditions are what keeps them right.
ledgerRaceSuite('PGlite', async () => {
  const opened = await openSqlEventStore({});
  return { stores: [opened.store, opened.store], cleanup: () => opened.store.close() };
});
