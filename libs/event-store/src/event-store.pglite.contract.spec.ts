import { eventStoreContract } from './contract/event-store.contract';
import { sqlTamperContract } from './contract/sql-tamper.contract';
import { openSqlEventStore } from './open-event-store';
import { SqlCheckpointStore } from './sql/sql-checkpoint-store';
import { migrate } from './sql/migrate';

const openPglite = async () => {
  const opened = await openSqlEventStore({});
  return { store: opened.store, client: opened.client, checkpoints: new SqlCheckpointStore(opened.client), cleanup: () => opened.store.close() };
};

eventStoreContract('PGlite (in memory)', openPglite);
sqlTamperContract('PGlite (in memory)', openPglite);

describe('migrations on PGlite', () => {
  it('apply once, then nothing on the next start', async () => {
    const { client, store } = await openSqlEventStore({});
    expect(await migrate(client)).toEqual([]);
    const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.rows.map((r) => r.version)).toEqual([1, 2]);
    await store.close();
  });
});
