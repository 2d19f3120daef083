import { randomUUID } from 'node:crypto';
import { createTestSchema } from '@cvl/testing';
import { eventStoreContract, newEvent, readAllFrom } from './contract/event-store.contract';
import { sqlTamperContract } from './contract/sql-tamper.contract';
import {
  compareCheckpoints,
  START,
  TagConflictError,
  WrongExpectedRevisionError,
  type RecordedEvent,
} from './event-store.port';
import { openSqlEventStore } from './open-event-store';
import { DatabaseUnavailableError, PgSqlClient } from './sql/pg-client';
import { migrate } from './sql/migrate';
import { SqlCheckpointStore } from './sql/sql-checkpoint-store';
import type { SqlClient, SqlExecutor, TransactionOptions } from './sql/sql-client';
import { SqlEventStore } from './sql/sql-event-store';
import { SignedLog } from './signed-log/signed-log';
import { LogSigningKey } from './signed-log/tree-head';
import { MemoryWitness } from './signed-log/witness';

const openPostgres = async () => {
  const schema = await createTestSchema('es');
  const opened = await openSqlEventStore({ databaseUrl: schema.url, schema: schema.schema });
  return {
    store: opened.store,
    client: opened.client,
    checkpoints: new SqlCheckpointStore(opened.client),
    cleanup: async () => {
      await opened.store.close();
      await schema.drop();
    },
  };
};

eventStoreContract('PostgreSQL', openPostgres);
sqlTamperContract('PostgreSQL', openPostgres);

/** Holds each write transaction open a random while before COMMIT: positions are taken early, commits land late. */
class SlowCommitClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  constructor(
    private readonly inner: SqlClient,
    private readonly maxDelayMs: number,
  ) {}
  query<Row>(sql: string, params?: unknown[]) {
    return this.inner.query<Row>(sql, params);
  }
  exec(sql: string) {
    return this.inner.exec(sql);
  }
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.inner.transaction(async (tx) => {
      const result = await work(tx);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * this.maxDelayMs));
      return result;
    }, options);
  }
  close() {
    return this.inner.close();
  }
}

describe('PostgreSQL event store under concurrent writers', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  const clients: SqlClient[] = [];
  // One key, one witness, as several processes of one service would share: each process's own signed-log state
  // meets heads the others signed, and checks them before building on them.
  const key = LogSigningKey.generate();
  const witness = new MemoryWitness();
  const connect = async (slowMs = 0) => {
    const pg = new PgSqlClient({ connectionString: schema.url, schema: schema.schema, maxConnections: 8 });
    clients.push(pg);
    return new SqlEventStore(slowMs > 0 ? new SlowCommitClient(pg, slowMs) : pg, {
      signedLog: new SignedLog({ key, log: schema.schema, witness }),
    });
  };

  beforeAll(async () => {
    schema = await createTestSchema('race');
    const pg = new PgSqlClient({ connectionString: schema.url, schema: schema.schema });
    await migrate(pg);
    await pg.close();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await schema.drop();
  });

  it('many writers on one stream: exactly one wins each revision', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => connect(5)));
    const streamId = `one-stream-${randomUUID()}`;
    const writers = 12;
    const attemptsEach = 15;
    const wins: Array<{ writer: number; revision: number }> = [];
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        const store = stores[writer % stores.length];
        for (let attempt = 0; attempt < attemptsEach; attempt++) {
          const expected = await store.streamRevision(streamId);
          try {
            const result = await store.append(
              streamId,
              [newEvent('race', { writer })],
              expected === -1 ? 'no_stream' : expected,
            );
            wins.push({ writer, revision: result.revision });
          } catch (error) {
            if (!(error instanceof WrongExpectedRevisionError)) throw error;
            conflicts++;
          }
        }
      }),
    );
    const events = await stores[0].readStream(streamId);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(wins.length).toBe(events.length);
    expect(new Set(wins.map((w) => w.revision)).size).toBe(wins.length);
    expect(wins.length + conflicts).toBe(writers * attemptsEach);
    expect(conflicts).toBeGreaterThan(0);
    const report = await stores[0].verify();
    expect(report.broken).toEqual([]);
    expect(report.signedLog?.latestHead?.treeSize).toBe(events.length);
  });

  it('many writers on many streams while a reader follows: every event once, in each stream’s order, none lost', async () => {
    const writerStores = await Promise.all(Array.from({ length: 4 }, () => connect(25)));
    const reader = await connect();
    const streams = Array.from({ length: 6 }, () => `many-${randomUUID()}`);
    const writers = 8;
    const appendsEach = 25;
    let writing = true;
    const seen: RecordedEvent[] = [];

    const expectedCount = Array.from({ length: writers }, (_, w) =>
      Array.from({ length: appendsEach }, (_, i) => 1 + ((w + i) % 3)).reduce((a, b) => a + b, 0),
    ).reduce((a, b) => a + b, 0);
    // The reader follows until it has seen as many events as were written (bounded in time): an empty page only
    // means older transactions somewhere in the cluster are still open, not that the log has ended.
    const follow = (async () => {
      let position = START;
      const deadline = Date.now() + 60_000;
      while (seen.length < expectedCount && Date.now() < deadline) {
        const batch = await reader.readAll(position, 13);
        seen.push(...batch.filter((e) => streams.includes(e.streamId)));
        if (batch.length > 0) position = batch[batch.length - 1].checkpoint;
        else await new Promise((r) => setTimeout(r, writing ? 3 : 20));
      }
    })();

    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        const store = writerStores[writer % writerStores.length];
        for (let i = 0; i < appendsEach; i++) {
          const streamId = streams[(writer + i) % streams.length];
          const size = 1 + ((writer + i) % 3);
          await store.append(
            streamId,
            Array.from({ length: size }, () => newEvent('many', { writer, i })),
            'any',
          );
        }
      }),
    );
    writing = false;
    await follow;

    const stored = (await readAllFrom(reader, START, 500)).filter((e) => streams.includes(e.streamId));
    expect(seen.length).toBe(stored.length);
    expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
    for (const streamId of streams) {
      const revisions = seen.filter((e) => e.streamId === streamId).map((e) => e.revision);
      expect(revisions).toEqual(revisions.map((_, i) => i));
    }
    for (let i = 1; i < seen.length; i++)
      expect(compareCheckpoints(seen[i - 1].checkpoint, seen[i].checkpoint)).toBeLessThan(0);
    expect(seen.length).toBe(expectedCount);
    // Every one of those appends, from four connections at once, signed in turn: one tree, no place taken twice.
    expect((await reader.verify()).broken).toEqual([]);
  });

  it('a process whose last append is no longer the head reads it under the lock and builds on it; a newer tag still conflicts', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const streamId = `known-head-${randomUUID()}`;
    const tagged = (tag: string) => ({ ...newEvent('tagged', { tag }), tags: [tag] });
    await a.append(streamId, [tagged('commitment:a')], 'no_stream');
    // b moves the stream and the signed log on: a's head of both, kept from its append, is stale.
    await b.append(streamId, [tagged('commitment:b')], 0);
    await b.append(`elsewhere-${randomUUID()}`, [newEvent()], 'no_stream');
    expect((await a.append(streamId, [tagged('commitment:a')], 1)).revision).toBe(2);
    await expect(
      a.append(streamId, [tagged('commitment:b')], { after: 0, tags: ['commitment:b'] }),
    ).rejects.toBeInstanceOf(TagConflictError);
    expect((await a.append(streamId, [tagged('commitment:c')], { after: 0, tags: ['commitment:c'] })).revision).toBe(3);
    // And b, behind a now, the same way.
    expect((await b.append(streamId, [tagged('commitment:b')], { after: 3, tags: ['commitment:b'] })).revision).toBe(4);
    expect((await a.readStream(streamId)).map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
    expect((await a.verify()).broken).toEqual([]);
  });

  it('tells a follower in another process of each append (LISTEN/NOTIFY), and stops when asked', async () => {
    const [writer, follower] = await Promise.all([connect(), connect()]);
    let told = 0;
    const stop = follower.onAppended(() => told++);
    // The LISTEN is sent on a connection of its own: an append once it listens is heard.
    const deadline = Date.now() + 10_000;
    while (told === 0 && Date.now() < deadline) {
      await writer.append(`notified-${randomUUID()}`, [newEvent()], 'no_stream');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(told).toBeGreaterThan(0);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = told;
    await writer.append(`unheard-${randomUUID()}`, [newEvent()], 'no_stream');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(told).toBe(before);
  });

  it('two processes retrying the same append store it once', async () => {
    const [a, b] = await Promise.all([connect(10), connect(10)]);
    const streamId = `retry-${randomUUID()}`;
    const events = [newEvent(), newEvent()];
    const results = await Promise.allSettled([
      a.append(streamId, events, 'no_stream'),
      b.append(streamId, events, 'no_stream'),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    expect(fulfilled.length).toBe(2);
    expect((await a.readStream(streamId)).length).toBe(2);
  });
});

describe('PostgreSQL connections dropped under the store (pg_terminate_backend)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let opened: Awaited<ReturnType<typeof openSqlEventStore>>;
  const application = `drop-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    schema = await createTestSchema('drop');
    opened = await openSqlEventStore({ databaseUrl: schema.url, schema: schema.schema, applicationName: application });
    await opened.client.exec('CREATE TABLE drop_probe (id text PRIMARY KEY)');
  });
  afterAll(async () => {
    await opened.store.close();
    await schema.drop();
  });

  const terminate = async () => {
    const admin = new PgSqlClient({
      connectionString: schema.url,
      schema: schema.schema,
      applicationName: `${application}-admin`,
    });
    const killed = await admin.query<{ n: number }>(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [application],
    );
    await admin.close();
    return killed.rows[0].n;
  };

  it('a transaction whose session the server ends is rolled back and run again on a new connection — once; nothing crashes', async () => {
    const stream = `drop-${randomUUID()}`;
    await opened.store.append(stream, [newEvent()], 'no_stream');
    let runs = 0;
    const inFlight = opened.client.transaction(async (tx) => {
      runs++;
      // A primary key: applied twice, the second would fail.
      await tx.query('INSERT INTO drop_probe (id) VALUES ($1)', [stream]);
      if (runs === 1) await tx.query('SELECT pg_sleep(5)');
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await terminate()).toBeGreaterThan(0);
    await inFlight;
    expect(runs).toBe(2);
    expect((await opened.client.query('SELECT id FROM drop_probe WHERE id = $1', [stream])).rowCount).toBe(1);
    // Ended three times in a row, it gives up with « database unavailable » (503 at the edge), bounded.
    const doomed = opened.client.transaction(async (tx) => {
      await tx.query('SELECT pg_sleep(5)');
    });
    for (let kill = 0; kill < 3; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await terminate();
    }
    await expect(doomed).rejects.toBeInstanceOf(DatabaseUnavailableError);
    // Idle connections killed too: the pool replaces them, nothing crashes.
    await terminate();
    await opened.store.append(stream, [newEvent()], 0);
    expect((await opened.store.readStream(stream)).length).toBe(2);
    expect((await opened.store.verify()).broken).toEqual([]);
  });
});
