import { Logger } from '@nestjs/common';
import type { SqlClient } from '@cvl/event-store';
import type { ContractRegistry, DeliveryContext, IntegrationEvent } from '@cvl/messaging';

/** What the edge keeps of a message it set aside (its id, or its place on the topic when it had none). */
export interface SetAsideMessage {
  consumer: string;
  messageId: string;
  topic: string;
  type: string;
  reason: string;
  setAsideAt: string;
}

/** Longest reason kept: the violations of a message are listed, up to this. */
const MAX_REASON_CHARS = 2_000;

/**
 * Every consumer's edge: a message is handled only if it is what contracts/ says (envelope, known type and
 * version, data valid against its schema). One that is not is set aside in `consumer_dead_letters` with the reason
 * — the fields at fault — and the consumer goes on: a producer's mistake neither stops a consumer nor reaches its
 * domain. Nothing is lost: the message itself is kept beside the reason.
 */
export class ConsumerEdge {
  private readonly logger = new Logger('ConsumerEdge');
  private registry?: ContractRegistry;
  /** The groups subscribed through this edge and their topics: what the operators' consumer-lag gauge asks about. */
  readonly groups = new Map<string, readonly string[]>();

  constructor(
    private readonly sql: SqlClient,
    /** Read once, when the first message arrives (contracts/ compiled: ~100 ms). */
    private readonly contracts: () => ContractRegistry,
    private readonly onSetAside?: (consumer: string, topic: string) => void,
  ) {}

  /** True when the message may be handled; false once it is set aside. */
  async admits(consumer: string, event: IntegrationEvent, context?: Pick<DeliveryContext, 'topic'>): Promise<boolean> {
    this.registry ??= this.contracts();
    const violations = this.registry.check(event);
    if (violations.length === 0) return true;
    const reason = violations.map((v) => `${v.path} : ${v.message}`).join(' ; ');
    await this.setAside(consumer, {
      messageId: event.id,
      topic: context?.topic ?? '',
      type: event.type,
      reason: `message hors contrat — ${reason}`,
      message: event,
    });
    return false;
  }

  /** Keeps a message the consumer will not handle (once: the same message set aside again changes nothing). */
  async setAside(
    consumer: string,
    message: { messageId: string; topic: string; type: string; reason: string; message: unknown },
  ): Promise<void> {
    await this.sql.query(
      `INSERT INTO consumer_dead_letters (consumer, message_id, topic, message_type, reason, message)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (consumer, message_id) DO NOTHING`,
      [
        consumer,
        message.messageId,
        message.topic,
        message.type || 'inconnu',
        message.reason.slice(0, MAX_REASON_CHARS),
        JSON.stringify(message.message ?? null),
      ],
    );
    this.onSetAside?.(consumer, message.topic);
    this.logger.error(
      { consumer, messageId: message.messageId, topic: message.topic, type: message.type },
      `ALERTE consommateur ${consumer} : message ${message.messageId} (${message.type || 'type inconnu'}, ${message.topic}) mis de côté — ${message.reason.slice(0, 300)}. Les suivants sont traités.`,
    );
  }

  /** What consumers set aside: the count, and the latest few to name them (a consumer's, or every one's). */
  async setAsideMessages(consumerPrefix = ''): Promise<{ count: number; latest: SetAsideMessage[] }> {
    const like = `${consumerPrefix.replace(/[%_\\]/g, '\\$&')}%`;
    const count = await this.sql.query<{ count: string }>(
      'SELECT count(*)::text AS count FROM consumer_dead_letters WHERE consumer LIKE $1',
      [like],
    );
    const rows = await this.sql.query<{
      consumer: string;
      message_id: string;
      topic: string;
      message_type: string;
      reason: string;
      set_aside_at: Date | string;
    }>(
      `SELECT consumer, message_id, topic, message_type, reason, set_aside_at FROM consumer_dead_letters
       WHERE consumer LIKE $1 ORDER BY set_aside_at DESC LIMIT 20`,
      [like],
    );
    return {
      count: Number(count.rows[0].count),
      latest: rows.rows.map((row) => ({
        consumer: row.consumer,
        messageId: row.message_id,
        topic: row.topic,
        type: row.message_type,
        reason: row.reason,
        setAsideAt: new Date(row.set_aside_at).toISOString(),
      })),
    };
  }
}
