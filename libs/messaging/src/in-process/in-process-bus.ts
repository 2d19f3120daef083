import { join } from 'node:path';
import { loadMigrations, migrate, type SqlClient } from '@cvl/event-store';
import type { IntegrationEvent } from '../envelope';
import type { BusSubscription, IntegrationBus, SubscribeOptions } from '../integration-bus.port';
import { assertPublishable, MAX_PUBLISH_BATCH } from '../integration-bus.port';

interface Waiter {
  topics: ReadonlySet<string>;
  wake(): void;
}

const MAX_RETRY_DELAY_MS = 2_000;
const FETCH = 100;

/**
 * The embedded mode's transport: one ordered log per topic and one committed position per group and topic, kept
 * in the event store's database (PGlite), with the guarantees of the Kafka one — at least once, order per stream,
 * every group gets everything — and what Kafka's infinite retention gives: a new group reads from the first
 * message, after any number of restarts, so `cvl replay` rebuilds the same read models.
 */
export interface InProcessBusOptions {
  /** Told of each failed delivery (the event is retried, with backoff, until the handler accepts it). */
  onHandlerError?: (groupId: string, topic: string, error: unknown) => void;
}

export class InProcessBus implements IntegrationBus {
  readonly kind = 'in-process' as const;
  private readonly waiters = new Set<Waiter>();
  private readonly loops = new Set<Promise<void>>();
  private closed = false;

  private constructor(
    private readonly sql: SqlClient,
    private readonly options: InProcessBusOptions,
  ) {}

  /** Its tables are created (or found) in `sql`'s database. */
  static async open(sql: SqlClient, options: InProcessBusOptions = {}): Promise<InProcessBus> {
    await migrate(sql, loadMigrations(join(__dirname, 'migrations')), 'in-process-bus');
    return new InProcessBus(sql, options);
  }

  async ensureTopics(topics: string[]): Promise<void> {
    for (const topic of topics)
      await this.sql.query('INSERT INTO bus_topics (topic) VALUES ($1) ON CONFLICT (topic) DO NOTHING', [topic]);
  }

  async publish(topic: string, events: IntegrationEvent[]): Promise<void> {
    if (events.length > MAX_PUBLISH_BATCH)
      throw new RangeError(`au plus ${MAX_PUBLISH_BATCH} événements par publication`);
    assertPublishable(events);
    // One statement, its own transaction: the topic's row, locked by the UPDATE, orders publishers; the messages
    // take the offsets it moved over (none if the topic is unknown: the join with no row inserts nothing).
    const moved = await this.sql.query<{ first: string }>(
      `WITH head AS (
         UPDATE bus_topics SET next_offset = next_offset + $3 WHERE topic = $1 RETURNING next_offset - $3 AS first
       ), stored AS (
         INSERT INTO bus_messages (topic, message_offset, envelope)
         SELECT $1, head.first + m.ordinality - 1, m.envelope FROM head, jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(envelope, ordinality)
         RETURNING 1
       )
       SELECT first::text AS first FROM head`,
      [topic, JSON.stringify(events), events.length],
    );
    if (moved.rows.length === 0) throw new Error(`sujet inconnu : ${topic} (créez-le d’abord)`);
    if (events.length === 0) return;
    // Only the groups that follow this topic: the others would read their own topics for nothing.
    for (const waiter of this.waiters) if (waiter.topics.has(topic)) waiter.wake();
  }

  async subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    const positions = new Map<string, number>();
    for (const topic of options.topics) {
      const known = await this.sql.query<{ next_offset: string }>(
        'SELECT next_offset::text AS next_offset FROM bus_topics WHERE topic = $1',
        [topic],
      );
      if (known.rows.length === 0) throw new Error(`sujet inconnu : ${topic} (créez-le d’abord)`);
      const start = options.fromBeginning === false ? Number(known.rows[0].next_offset) : 0;
      await this.sql.query(
        'INSERT INTO bus_offsets (group_id, topic, committed) VALUES ($1, $2, $3) ON CONFLICT (group_id, topic) DO NOTHING',
        [options.groupId, topic, start],
      );
      const committed = await this.sql.query<{ committed: string }>(
        'SELECT committed::text AS committed FROM bus_offsets WHERE group_id = $1 AND topic = $2',
        [options.groupId, topic],
      );
      positions.set(topic, Number(committed.rows[0].committed));
    }
    let stopped = false;
    let wake: () => void = () => undefined;
    const waiter: Waiter = { topics: new Set(options.topics), wake: () => wake() };
    this.waiters.add(waiter);
    const idle = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    const commit = (topic: string, offset: number) =>
      this.sql.query('UPDATE bus_offsets SET committed = $3 WHERE group_id = $1 AND topic = $2', [
        options.groupId,
        topic,
        offset,
      ]);

    const loop = async () => {
      let failures = 0;
      while (!stopped && !this.closed) {
        let delivered = false;
        for (const topic of options.topics) {
          if (stopped || this.closed) break;
          const from = positions.get(topic) ?? 0;
          let page: Array<{ message_offset: string; envelope: IntegrationEvent }>;
          try {
            page = (
              await this.sql.query<{ message_offset: string; envelope: IntegrationEvent }>( // ORDER BY the column, not its text alias (« 10 » sorts before « 2 »).
                'SELECT m.message_offset::text AS message_offset, m.envelope FROM bus_messages m WHERE m.topic = $1 AND m.message_offset >= $2 ORDER BY m.message_offset LIMIT $3',
                [topic, from, FETCH],
              )
            ).rows;
          } catch (error) {
            if (this.closed) return;
            this.options.onHandlerError?.(options.groupId, topic, error);
            await idle(MAX_RETRY_DELAY_MS);
            continue;
          }
          let handled = from;
          // Delivered a row at a time, or the whole page at once to a batch handler; a failure stops the page there.
          const handleBatch = options.handleBatch;
          const units = handleBatch ? (page.length > 0 ? [page] : []) : page.map((row) => [row]);
          for (const unit of units) {
            if (stopped || this.closed) break;
            try {
              if (handleBatch)
                await handleBatch(
                  unit.map((row) => ({
                    event: row.envelope,
                    context: { topic, partition: 0, offset: row.message_offset },
                  })),
                );
              else await options.handle(unit[0].envelope, { topic, partition: 0, offset: unit[0].message_offset });
              handled = Number(unit[unit.length - 1].message_offset) + 1;
              failures = 0;
              delivered = true;
            } catch (error) {
              this.options.onHandlerError?.(options.groupId, topic, error);
              failures++;
              await idle(Math.min(10 * 2 ** failures, MAX_RETRY_DELAY_MS));
              break;
            }
          }
          if (handled > from) {
            positions.set(topic, handled);
            // At least once: a crash before this commit delivers the page's handled events again.
            if (!this.closed)
              await commit(topic, handled).catch((error: unknown) =>
                this.options.onHandlerError?.(options.groupId, topic, error),
              );
          }
        }
        if (!delivered && !stopped && !this.closed) await idle(1_000);
      }
    };
    const running = loop();
    this.loops.add(running);
    void running.finally(() => this.loops.delete(running));
    return {
      stop: async () => {
        stopped = true;
        wake();
        await running;
        this.waiters.delete(waiter);
      },
    };
  }

  /** The messages still there past the group's position (as Kafka counts from the low watermark: none deleted). */
  async backlog(groupId: string, topics: string[]): Promise<number> {
    const result = await this.sql.query<{ backlog: string }>(
      `SELECT count(*)::text AS backlog
       FROM bus_messages m LEFT JOIN bus_offsets o ON o.topic = m.topic AND o.group_id = $1
       WHERE m.topic = ANY($2::text[]) AND m.message_offset >= coalesce(o.committed, 0)`,
      [groupId, topics],
    );
    return Number(result.rows[0].backlog);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  /** Stops delivering; the database is the event store's, closed by its owner. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters) waiter.wake();
    // No delivery may still be reading when the owner closes the database next.
    await Promise.allSettled([...this.loops]);
  }
}
