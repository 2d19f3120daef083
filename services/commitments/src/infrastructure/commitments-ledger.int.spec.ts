import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlEventStore } from '@cvl/event-store';
import { createTestSchema } from '@cvl/testing';
import { ledgerRaceSuite } from '../test-support/ledger-races';

// Two pools on one schema, sharing the log's key as two processes of one deployment do: real concurrency.
ledgerRaceSuite('PostgreSQL, two processes', async () => {
  const schema = await createTestSchema('ledger_race');
  const keys = mkdtempSync(join(tmpdir(), 'cvl-race-'));
  const signing = { keyFile: join(keys, 'cle.pem'), createKey: true, log: schema.schema };
  const first = await openSqlEventStore({ databaseUrl: schema.url, schema: schema.schema, signing });
  const second = await openSqlEventStore({ databaseUrl: schema.url, schema: schema.schema, signing });
  return {
    stores: [first.store, second.store],
    cleanup: async () => {
      await first.store.close();
      await second.store.close();
      await schema.drop();
      rmSync(keys, { recursive: true, force: true });
    },
  };
});
