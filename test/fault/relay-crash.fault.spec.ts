import { randomUUID } from 'node:crypto';
import { loadCheckpoint, openSqlEventStore, type OpenedEventStore } from '@cvl/event-store';
import { IdempotentConsumer, KafkaBus, type BusSubscription } from '@cvl/messaging';
import { createTestSchema, spawnTsProcess, testKafkaBrokers, waitUntil, type TsProcess } from '@cvl/testing';

const STREAMS = 8;
const EVENTS_PER_STREAM = 30;
const TOTAL = STREAMS * EVENTS_PER_STREAM;

function startRelay(env: Record<string, string>): TsProcess {
  return spawnTsProcess('test/fault/relay-process.ts', env);
}

/** The relay's JSON progress lines. */
const published = (relay: TsProcess) =>
  relay.lines
    .filter((line) => line.startsWith('{"published"'))
    .map((line) => JSON.parse(line) as { published: number });

describe('relay killed mid-stream (fault)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let opened: OpenedEventStore;
  let bus: KafkaBus;
  let subscription: BusSubscription | undefined;
  const children: TsProcess[] = [];

  beforeAll(async () => {
    schema = await createTestSchema('relayfault');
    opened = await openSqlEventStore({ databaseUrl: schema.url, schema: schema.schema });
    await opened.client.exec(`
      CREATE TABLE read_model (stream_id text PRIMARY KEY, events integer NOT NULL, amount_cents bigint NOT NULL);
      CREATE TABLE applied_log (event_id text NOT NULL, stream_id text NOT NULL, revision integer NOT NULL);`);
    bus = new KafkaBus({ brokers: testKafkaBrokers(), clientId: 'relay-fault-consumer' });
  });

  afterAll(async () => {
    for (const child of children) child.child.kill('SIGKILL');
    await subscription?.stop();
    await bus.close();
    await opened.store.close();
    await schema.drop();
  });

  it('republishes what it had not checkpointed, and the read model counts each event exactly once', async () => {
    for (let s = 0; s < STREAMS; s++) {
      for (let r = 0; r < EVENTS_PER_STREAM; r += 3) {
        await opened.store.append(
          `commitment-${s}`,
          [0, 1, 2].map((i) => ({
            eventId: randomUUID(),
            type: 'commitments.payment-recorded',
            schemaVersion: 1,
            data: { amountCents: String(100 * (r + i + 1)) },
            metadata: { actor: 'fault-test' },
          })),
          r === 0 ? 'no_stream' : r - 1,
        );
      }
    }
    const topic = `relay-fault-${randomUUID()}`;
    const relayName = `relay-${randomUUID()}`;
    await bus.ensureTopics([topic]);

    const consumer = new IdempotentConsumer(opened.client, 'fault-read-model');
    let deliveries = 0;
    let duplicates = 0;
    subscription = await bus.subscribe({
      groupId: `read-model-${randomUUID()}`,
      topics: [topic],
      handle: async (event) => {
        deliveries++;
        const outcome = await consumer.consume(event, async (tx, e) => {
          await tx.query('INSERT INTO applied_log (event_id, stream_id, revision) VALUES ($1, $2, $3)', [
            e.id,
            e.streamid,
            e.revision,
          ]);
          await tx.query(
            `INSERT INTO read_model (stream_id, events, amount_cents) VALUES ($1, 1, $2::bigint)
             ON CONFLICT (stream_id) DO UPDATE SET events = read_model.events + 1, amount_cents = read_model.amount_cents + EXCLUDED.amount_cents`,
            [e.streamid, String(e.data.amountCents)],
          );
        });
        if (outcome === 'duplicate') duplicates++;
      },
    });

    const env = {
      DATABASE_URL: schema.url,
      DB_SCHEMA: schema.schema,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      TOPIC: topic,
      RELAY_NAME: relayName,
      BATCH_SIZE: '20',
    };

    // First run: killed with SIGKILL while the third batch is published but not yet checkpointed.
    const first = startRelay({ ...env, PAUSE_AFTER_PUBLISH_MS: '3000' });
    children.push(first);
    await waitUntil(() => published(first).length >= 3, 60_000, 'three published batches');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const publishedCount = published(first).reduce((sum, line) => sum + line.published, 0);
    const saved = await loadCheckpoint(opened.client, relayName);
    const checkpointed = (await opened.store.readAll({ commit: 0n, position: 0n }, TOTAL)).filter(
      (e) =>
        e.checkpoint.commit < saved.commit ||
        (e.checkpoint.commit === saved.commit && e.checkpoint.position <= saved.position),
    ).length;
    expect(publishedCount).toBeGreaterThanOrEqual(60);
    expect(checkpointed).toBeLessThan(publishedCount);

    // Second run: picks up from the durable checkpoint and republishes the unsaved batch.
    const second = startRelay({ ...env, PAUSE_AFTER_PUBLISH_MS: '0' });
    children.push(second);
    const applied = async () =>
      Number((await opened.client.query<{ n: string }>('SELECT count(*)::text AS n FROM applied_log')).rows[0].n);
    await waitUntil(async () => (await applied()) >= TOTAL, 90_000, 'every event in the read model');
    await waitUntil(
      () => deliveries >= publishedCount - checkpointed + TOTAL,
      30_000,
      'the republished batch delivered again',
    );
    await second.stop();

    const perEvent = await opened.client.query<{ event_id: string; n: string }>(
      'SELECT event_id, count(*)::text AS n FROM applied_log GROUP BY event_id',
    );
    expect(perEvent.rows.length).toBe(TOTAL);
    expect(perEvent.rows.every((row) => row.n === '1')).toBe(true);
    const model = await opened.client.query<{ stream_id: string; events: number; amount_cents: string }>(
      'SELECT stream_id, events, amount_cents::text AS amount_cents FROM read_model ORDER BY stream_id',
    );
    const expectedAmount = Array.from({ length: EVENTS_PER_STREAM }, (_, i) => 100n * BigInt(i + 1)).reduce(
      (a, b) => a + b,
      0n,
    );
    expect(model.rows).toHaveLength(STREAMS);
    for (const row of model.rows) {
      expect(row.events).toBe(EVENTS_PER_STREAM);
      expect(BigInt(row.amount_cents)).toBe(expectedAmount);
    }
    expect(duplicates).toBeGreaterThan(0);
    expect(deliveries).toBe(TOTAL + duplicates);
  });
});
