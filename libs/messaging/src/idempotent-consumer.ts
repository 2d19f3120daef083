import type { SqlClient, SqlExecutor } from '@cvl/event-store';
import type { IntegrationEvent } from './envelope';

export type ConsumeOutcome = 'applied' | 'duplicate';

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

  async consume(event: IntegrationEvent, apply: (tx: SqlExecutor, event: IntegrationEvent) => Promise<void>): Promise<ConsumeOutcome> {
    const [outcome] = await this.consumeBatch([event], apply);
    return outcome;
  }

  /**
   * A batch in one transaction (a rebuild reading a store a page at a time: one commit per page, not per event),
   * each event marked and applied in order, at most once; all of the batch or nothing of it.
   */
  async consumeBatch(events: readonly IntegrationEvent[], apply: (tx: SqlExecutor, event: IntegrationEvent) => Promise<void>): Promise<ConsumeOutcome[]> {
    if (events.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const outcomes: ConsumeOutcome[] = [];
      for (const event of events) {
        const marked = await tx.query(
          'INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT (consumer, event_id) DO NOTHING',
          [this.consumerName, event.id],
        );
        if (marked.rowCount === 0) {
          outcomes.push('duplicate');
          continue;
        }
        await apply(tx, event);
        outcomes.push('applied');
      }
      return outcomes;
    });
  }
}
