import { eventStoreContract, newEvent } from './contract/event-store.contract';
import { SqlEventStore } from './sql/sql-event-store';
import { sqlTamperContract } from './contract/sql-tamper.contract';
import { openSqlEventStore } from './open-event-store';
import { SqlCheckpointStore } from './sql/sql-checkpoint-store';
import { loadMigrations, migrate } from './sql/migrate';

const openPglite = async () => {
  const opened = await openSqlEventStore({});
  return {
    store: opened.store,
    client: opened.client,
    checkpoints: new SqlCheckpointStore(opened.client),
    cleanup: () => opened.store.close(),
  };
};

eventStoreContract('PGlite (in memory)', openPglite);
sqlTamperContract('PGlite (in memory)', openPglite);

describe('migrations on PGlite', () => {
  it('apply once, then nothing on the next start', async () => {
    const { client, store } = await openSqlEventStore({});
    expect(await migrate(client)).toEqual([]);
    const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
    expect(loadMigrations().map((m) => m.version)).toEqual([1, 2, 3, 4, 5]);
    await store.close();
  });
});

describe('a store from before signing (PGlite)', () => {
  it('verifies its chains as « not yet signed », then adopts its events into the signed log at the first write', async () => {
    const { client, store: signed } = await openSqlEventStore({});
    const before = new SqlEventStore(client);
    await before.append('old-stream', [newEvent(), newEvent()], 'no_stream');
    const early = await signed.verify();
    expect(early).toMatchObject({ ok: true, broken: [], signedLog: { notYetSigned: true, unsignedEvents: 2 } });
    await signed.append('old-stream', [newEvent()], 1);
    const adopted = await signed.verify();
    expect(adopted.broken).toEqual([]);
    expect(adopted.signedLog).toMatchObject({ unsignedEvents: 0, latestHead: { treeSize: 3, sequence: 2 } });
    await signed.close();
  });
});
