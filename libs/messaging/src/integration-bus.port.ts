import type { IntegrationEvent } from './envelope';

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
  /** Where a group with no committed position starts: the oldest event (default) or only new ones. */
  fromBeginning?: boolean;
  /**
   * A record that is not a valid integration event (missing header, unreadable JSON). When given, it is told and
   * the record is passed over (e.g. kept in a dead-letter table); when absent, delivery stops on it rather than lose it.
   */
  onInvalid?: (error: Error, raw: { topic: string; partition: number; offset: string; headers: Record<string, string>; value: string | null }) => Promise<void>;
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
