import { randomUUID } from 'node:crypto';
import { openSqlEventStore, SqlCheckpointStore, type OpenedEventStore } from '@cvl/event-store';
import { waitUntil } from '@cvl/testing';
import type { IntegrationEvent } from './envelope';
import { IdempotentConsumer } from './idempotent-consumer';
import { InProcessBus } from './in-process/in-process-bus';
import { Relay } from './relay';

describe('relay on PGlite and the in-process transport', () => {
  let opened: OpenedEventStore;
  beforeAll(async () => {
    opened = await openSqlEventStore({});
  });
  afterAll(async () => opened.store.close());

  const append = (stream: string, count: number, expected: number | 'no_stream') =>
    opened.store.append(
      stream,
      Array.from({ length: count }, (_, i) => ({
        eventId: randomUUID(),
        type: 'test.counted',
        schemaVersion: 1,
        data: { i },
        metadata: { actor: 'relay-test', correlationId: 'corr-1' },
      })),
      expected,
    );

  it('publishes every stored event in order, resumes after a stop from its checkpoint, and filters what it is told to', async () => {
    const bus = await InProcessBus.open(opened.client);
    const topic = 'commitments.events.v1';
    const received: IntegrationEvent[] = [];
    await bus.ensureTopics([topic]);
    const subscription = await bus.subscribe({
      groupId: 'g',
      topics: [topic],
      handle: async (e) => void received.push(e),
    });
    await append('a', 5, 'no_stream');
    await append('secret', 2, 'no_stream');
    const options = {
      name: 'relay-test',
      topic,
      source: '/commitments',
      idleDelayMs: 10,
      batchSize: 3,
      include: (e: { streamId: string }) => e.streamId !== 'secret',
    };
    let relay = new Relay(opened.store, new SqlCheckpointStore(opened.client), bus, options);
    await relay.start();
    await waitUntil(() => received.length === 5, 5_000, 'five events');
    await relay.stop();
    await append('a', 3, 4);
    relay = new Relay(opened.store, new SqlCheckpointStore(opened.client), bus, options);
    await relay.start();
    await waitUntil(() => received.length === 8, 5_000, 'three more');
    await relay.stop();
    await subscription.stop();
    expect(received.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(
      received.every((e) => e.source === '/commitments' && e.actor === 'relay-test' && e.correlationid === 'corr-1'),
    ).toBe(true);
  });

  it('a poison event — 2 MB, stored before the size cap existed — is set aside and the others still go out', async () => {
    // A store from before the cap: the row is there before the suite first signs, which adopts it into its log.
    const legacy = await openSqlEventStore({});
    const poison = randomUUID();
    await legacy.client.query(
      `INSERT INTO streams (stream_id, revision, last_hash) VALUES ('poison-a', 0, repeat('0', 64))`,
    );
    await legacy.client.query(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash)
       VALUES ('poison-a', 0, $1, 'test.counted', 1, $2::jsonb, '{}'::jsonb, $3, repeat('0', 64))`,
      [poison, JSON.stringify({ attributes: { note: 'x'.repeat(2 * 1024 * 1024) } }), new Date().toISOString()],
    );
    const appendTo = (count: number, expected: number) =>
      legacy.store.append(
        'poison-a',
        Array.from({ length: count }, (_, i) => ({
          eventId: randomUUID(),
          type: 'test.counted',
          schemaVersion: 1,
          data: { i },
          metadata: { actor: 'relay-test' },
        })),
        expected,
      );
    await appendTo(3, 0);
    const bus = await InProcessBus.open(legacy.client);
    const topic = 'poison.events.v1';
    await bus.ensureTopics([topic]);
    const received: IntegrationEvent[] = [];
    const subscription = await bus.subscribe({
      groupId: 'poison-reader',
      topics: [topic],
      handle: async (e) => void received.push(e),
    });
    const setAside: Array<{ eventId: string; reason: string }> = [];
    const relay = new Relay(legacy.store, new SqlCheckpointStore(legacy.client), bus, {
      name: 'relay-poison',
      topic,
      source: '/poison',
      idleDelayMs: 10,
      onDeadLetter: async (event, reason) => void setAside.push({ eventId: event.eventId, reason }),
    });
    await relay.start();
    await appendTo(2, 3);
    await waitUntil(() => received.length === 5, 10_000, 'the five others published');
    await relay.stop();
    await subscription.stop();
    await legacy.store.close();
    expect(received.map((e) => e.revision)).toEqual([1, 2, 3, 4, 5]);
    expect(setAside).toEqual([{ eventId: poison, reason: 'message de 2 Mio, au plus 1 Mio' }]);
  });

  it('an idempotent consumer applies a batch in one transaction: each id once, in order, all or nothing', async () => {
    const consumer = new IdempotentConsumer(opened.client, 'batch-tally');
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()].map(
      (id) => ({ id }) as IntegrationEvent,
    );
    expect(await consumer.consume(b, async () => undefined)).toBe('applied');
    const given: string[][] = [];
    const outcomes = await consumer.consumeBatch(
      [a, b, a, c],
      async (_tx, fresh) => void given.push(fresh.map((e) => e.id)),
    );
    expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate', 'applied']);
    expect(given).toEqual([[a.id, c.id]]);
    // A failing apply leaves none of the batch's marks: the whole batch comes again and is applied then.
    await expect(consumer.consumeBatch([d, a], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await consumer.consumeBatch([d, a], async () => undefined)).toEqual(['applied', 'duplicate']);
    const marks = await opened.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM processed_events WHERE consumer = 'batch-tally'`,
    );
    expect(marks.rows[0].n).toBe(4);
  });

  it('an idempotent consumer applies a redelivered event once', async () => {
    await opened.client.exec('CREATE TABLE IF NOT EXISTS tally (n integer NOT NULL)');
    const consumer = new IdempotentConsumer(opened.client, 'tally');
    const event = { id: randomUUID() } as IntegrationEvent;
    const apply = async (tx: { query: (sql: string) => Promise<unknown> }) =>
      void (await tx.query('INSERT INTO tally (n) VALUES (1)'));
    expect(await consumer.consume(event, apply)).toBe('applied');
    expect(await consumer.consume(event, apply)).toBe('duplicate');
    await expect(
      consumer.consume({ id: randomUUID() } as IntegrationEvent, async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    const count = await opened.client.query<{ n: number }>('SELECT count(*)::int AS n FROM tally');
    expect(count.rows[0].n).toBe(1);
    const marks = await opened.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM processed_events WHERE consumer = 'tally'`,
    );
    expect(marks.rows[0].n).toBe(1);
  });
});
