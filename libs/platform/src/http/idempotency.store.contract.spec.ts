import { openSqlEventStore, type OpenedEventStore } from '@cvl/event-store';
import { migratePlatform, SqlIdempotencyStore } from './idempotency.store';

describe('Idempotency-Key reservations (PGlite)', () => {
  let opened: OpenedEventStore;
  beforeAll(async () => {
    opened = await openSqlEventStore({});
    await migratePlatform(opened.client);
  });
  afterAll(() => opened.store.close());

  it('a key left « in progress » by a request that never finished is taken over once it expires, and not before', async () => {
    const store = new SqlIdempotencyStore(opened.client, 60);
    expect(await store.reserve('alice', 'k-1', 'f')).toEqual({ outcome: 'reserved' });
    expect(await store.reserve('alice', 'k-1', 'f')).toEqual({ outcome: 'in-progress' });
    // Its process died two minutes ago.
    await opened.client.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '2 minutes' WHERE idempotency_key = 'k-1'`,
    );
    expect(await store.reserve('alice', 'k-1', 'f')).toEqual({ outcome: 'reserved' });
    expect(await store.reserve('alice', 'k-1', 'f')).toEqual({ outcome: 'in-progress' });
    await store.complete('alice', 'k-1', { status: 201, body: '{}', headers: {} });
    await opened.client.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '2 days' WHERE idempotency_key = 'k-1'`,
    );
    // A completed key never expires into a second execution: it replays its answer.
    expect(await store.reserve('alice', 'k-1', 'f')).toMatchObject({ outcome: 'done', response: { status: 201 } });
  });

  it('a released key (the request failed) is free at once', async () => {
    const store = new SqlIdempotencyStore(opened.client);
    expect(await store.reserve('bob', 'k-2', 'f')).toEqual({ outcome: 'reserved' });
    await store.release('bob', 'k-2');
    expect(await store.reserve('bob', 'k-2', 'f')).toEqual({ outcome: 'reserved' });
  });
});
