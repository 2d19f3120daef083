import type { SqlClient, SqlExecutor } from '@cvl/event-store';
import type { IntegrationEvent } from './envelope';

export type ConsumeOutcome = 'applied' | 'duplicate';

/** The most events one transaction marks and applies (a feed page is 1 000; a Kafka poll brings fewer). */
export const MAX_CONSUME_BATCH = 10_000;

/**
 * Applies each integration event at most once per consumer: the event id is recorded in `processed_events` in the
 * same transaction as the read-model change, so a redelivery finds it and changes nothing, and a crash before the
 * commit leaves neither the mark nor the change.
 */
export class IdempotentConsumer {
  constructor(
    private readonly db: SqlClient,
    readonly consumerName: string,
  ) {}

  async consume(
    event: IntegrationEvent,
    apply: (tx: SqlExecutor, event: IntegrationEvent) => Promise<void>,
  ): Promise<ConsumeOutcome> {
    const [outcome] = await this.consumeBatch([event], async (tx, fresh) => {
      for (const each of fresh) await apply(tx, each);
    });
    return outcome;
  }

  /**
   * A batch in one transaction (a rebuild reading a store a page at a time, a poll of the topics: one commit per
   * batch, not per event): the batch's ids marked in one statement, then `apply` given the events not seen before,
   * in their order, to apply together (one read and one write of what they touch); all of the batch or nothing of it.
   * An id twice in the batch is applied once, at its first place.
   */
  async consumeBatch(
    events: readonly IntegrationEvent[],
    apply: (tx: SqlExecutor, fresh: readonly IntegrationEvent[]) => Promise<void>,
  ): Promise<ConsumeOutcome[]> {
    if (events.length === 0) return [];
    if (events.length > MAX_CONSUME_BATCH)
      throw new Error(`lot de ${events.length} événements, au plus ${MAX_CONSUME_BATCH}`);
    const ids = [...new Set(events.map((event) => event.id))];
    return this.db.transaction(async (tx) => {
      const marked = await tx.query<{ event_id: string }>(
        `INSERT INTO processed_events (consumer, event_id) SELECT $1, id FROM unnest($2::text[]) AS id
         ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
        [this.consumerName, ids],
      );
      const unseen = new Set(marked.rows.map((row) => row.event_id));
      const outcomes: ConsumeOutcome[] = [];
      const fresh: IntegrationEvent[] = [];
      for (const event of events) {
        if (!unseen.delete(event.id)) {
          outcomes.push('duplicate');
          continue;
        }
        fresh.push(event);
        outcomes.push('applied');
      }
      if (fresh.length > 0) await apply(tx, fresh);
      return outcomes;
    });
  }
}
