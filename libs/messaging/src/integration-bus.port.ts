import { describeSize } from '@cvl/event-store';
import { toKafkaRecord, type IntegrationEvent } from './envelope';

export interface DeliveryContext {
  topic: string;
  partition: number;
  /** Position in the partition, as text (Kafka offsets are 64-bit). */
  offset: string;
}

export interface SubscribeOptions {
  /** Consumers sharing a group share the work; each group receives every event. */
  groupId: string;
  topics: string[];
  /**
   * Handles one event. Delivery is at least once: a handler that throws, or a process that dies before the
   * position is committed, gets the event again. Handlers are idempotent (see IdempotentConsumer).
   */
  handle: (event: IntegrationEvent, context: DeliveryContext) => Promise<void>;
  /**
   * When given, used instead of `handle`: the events of one fetch of one topic (Kafka: of one partition), in their
   * order, handled together (a read model applies them in one transaction). Same rule: a batch that throws, or
   * whose position was not committed, comes again — whole or from where the commit left it.
   */
  handleBatch?: (events: ReadonlyArray<{ event: IntegrationEvent; context: DeliveryContext }>) => Promise<void>;
  /** Where a group with no committed position starts: the oldest event (default) or only new ones. */
  fromBeginning?: boolean;
  /**
   * A record that is not a valid integration event (missing header, unreadable JSON). When given, it is told and
   * the record is passed over (e.g. kept in a dead-letter table); when absent, delivery stops on it rather than lose it.
   */
  onInvalid?: (
    error: Error,
    raw: { topic: string; partition: number; offset: string; headers: Record<string, string>; value: string | null },
  ) => Promise<void>;
}

export interface BusSubscription {
  stop(): Promise<void>;
}

/** The port services use to exchange integration events: Kafka in production, in process in embedded mode. */
export interface IntegrationBus {
  readonly kind: 'kafka' | 'in-process';
  /** Creates the topics that do not exist yet. */
  ensureTopics(topics: string[]): Promise<void>;
  /** Resolves once every event is durably accepted (Kafka: acknowledged by all in-sync replicas). */
  publish(topic: string, events: IntegrationEvent[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<BusSubscription>;
  /** How many events of these topics the group has not yet committed as handled (for progress displays). */
  backlog(groupId: string, topics: string[]): Promise<number>;
  /** True when the transport answers (for health checks). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const MAX_PUBLISH_BATCH = 1_000;

/**
 * The largest message a topic takes (Kafka's max.message.bytes, set on every topic this suite creates): 1 MiB. The
 * store refuses events above 256 KiB, so only an event written around the application can exceed it.
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** What a message weighs on the wire: its key, value and headers. */
export function messageBytes(record: { key: string; value: string; headers: Record<string, string> }): number {
  let bytes = Buffer.byteLength(record.key) + Buffer.byteLength(record.value);
  for (const [name, value] of Object.entries(record.headers))
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes;
}

/**
 * The transport will never take these events, however often it is asked (too large, refused as invalid): the
 * relay sets them aside in its dead-letter table rather than stop on them.
 */
export class UnpublishableEventError extends Error {
  constructor(
    readonly eventIds: string[],
    readonly reason: string,
  ) {
    super(
      `publication impossible (${eventIds.length === 1 ? `événement ${eventIds[0]}` : `${eventIds.length} événements`}) : ${reason}`,
    );
    this.name = 'UnpublishableEventError';
  }
}

/** Both transports refuse the same events, weighed the same way (as the Kafka record they become). */
export function assertPublishable(events: readonly IntegrationEvent[]): void {
  for (const event of events) {
    const bytes = messageBytes(toKafkaRecord(event));
    if (bytes > MAX_MESSAGE_BYTES)
      throw new UnpublishableEventError(
        [event.id],
        `message de ${describeSize(bytes)}, au plus ${describeSize(MAX_MESSAGE_BYTES)}`,
      );
  }
}
