import {
  ConfigResourceTypes,
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type IHeaders,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { EnvelopeError, fromKafkaRecord, toKafkaRecord, type IntegrationEvent } from '../envelope';
import {
  assertPublishable,
  MAX_MESSAGE_BYTES,
  MAX_PUBLISH_BATCH,
  messageBytes,
  UnpublishableEventError,
  type BusSubscription,
  type DeliveryContext,
  type IntegrationBus,
  type SubscribeOptions,
} from '../integration-bus.port';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** Partitions of the topics this bus creates (default 3). */
  partitions?: number;
  /** Replication factor of created topics: 1 on a single local broker, 3 in production. */
  replicationFactor?: number;
  /** `min.insync.replicas` of the topics (with acks = -1, how many replicas a write waits for); broker's default if absent. */
  minInsyncReplicas?: number;
  /**
   * `retention.ms` of the topics: -1 (for ever, the default) or at least MIN_RETENTION_MS. A rebuild never needs the
   * topics (it reads the services' stores); a consumer down longer than the retention would, hence the floor.
   */
  retentionMs?: number;
  /** TLS to the brokers: true (the system's trust store) or the PEM of the CAs to trust. */
  ssl?: boolean | { ca: string[] };
  sasl?: { mechanism: 'scram-sha-256' | 'scram-sha-512' | 'plain'; username: string; password: string };
  /**
   * Prefixes every topic on the broker (« staging. »): deployments sharing a broker never see each other's events.
   * Services keep the logical names (« commitments.events.v1 »).
   */
  topicPrefix?: string;
  /** Called when a consumer crashes (kafkajs restarts it); for logs. */
  onConsumerCrash?: (groupId: string, error: unknown, restarting: boolean) => void;
  log?: (level: 'error' | 'warn' | 'info', message: string, extra?: Record<string, unknown>) => void;
}

/**
 * Every topic keeps its messages for ever by default (retention by time and by size off) and takes messages up to
 * 1 MiB. Set at creation, and checked — and set again — at each start, so that a topic created by hand or by an
 * older version is brought in line.
 */
export const TOPIC_CONFIG: Readonly<Record<string, string>> = Object.freeze({
  'retention.ms': '-1',
  'retention.bytes': '-1',
  'cleanup.policy': 'delete',
  'max.message.bytes': String(MAX_MESSAGE_BYTES),
});

/** A finite retention is at least 30 days: room for a consumer stopped over a long week-end and a holiday. */
export const MIN_RETENTION_MS = 30 * 24 * 3600 * 1000;

/** The topics' settings for these options: TOPIC_CONFIG, with the retention and the in-sync replicas asked for. */
export function topicConfigOf(
  options: Pick<KafkaBusOptions, 'retentionMs' | 'minInsyncReplicas'>,
): Record<string, string> {
  const retention = options.retentionMs ?? -1;
  if (retention !== -1 && (!Number.isInteger(retention) || retention < MIN_RETENTION_MS))
    throw new RangeError(`rétention des sujets : -1 (infinie) ou au moins ${MIN_RETENTION_MS} ms (30 jours)`);
  if (
    options.minInsyncReplicas !== undefined &&
    (!Number.isInteger(options.minInsyncReplicas) || options.minInsyncReplicas < 1)
  )
    throw new RangeError('min.insync.replicas : un entier d’au moins 1');
  return {
    ...TOPIC_CONFIG,
    'retention.ms': String(retention),
    ...(options.minInsyncReplicas !== undefined ? { 'min.insync.replicas': String(options.minInsyncReplicas) } : {}),
  };
}

/** A produce request carries at most this much (below the broker's message.max.bytes with room for overhead). */
const MAX_REQUEST_BYTES = 768 * 1024;

/** Errors by which the broker says a record can never be accepted. */
const UNPUBLISHABLE = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE']);

/**
 * What a broker that lost its producer state (killed, restarted) answers an idempotent producer forever: its
 * sequence no longer matches. Retrying with the same producer never succeeds; a new producer (a new id) does. A
 * batch sent again so may reach the topic twice: consumers count each event once by its id.
 */
const STALE_PRODUCER = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH']);

/** Attempts at subscribing while a new topic's metadata spreads (250 ms apart: 10 s at most). */
const SUBSCRIBE_ATTEMPTS = 40;

/** KafkaJS marks the errors worth another try (a partition not hosted yet, a leader moving). */
function isRetriable(error: unknown): boolean {
  const e = error as { retriable?: boolean; type?: string; cause?: { retriable?: boolean } } | undefined;
  return e?.retriable === true || e?.cause?.retriable === true || e?.type === 'UNKNOWN_TOPIC_OR_PARTITION';
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value)
      ? String(value[0])
      : Buffer.isBuffer(value)
        ? value.toString('utf8')
        : String(value);
  }
  return out;
}

/**
 * Kafka behind the IntegrationBus port (kafkajs 2.2.4). The producer is idempotent and waits for every in-sync
 * replica (acks = -1); records are keyed by stream id so a stream keeps its order; topics are created by code.
 */
export class KafkaBus implements IntegrationBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private readonly consumers = new Set<Consumer>();

  /** What every topic of this bus is set to (creation and the check at start). */
  private readonly topicSettings: Record<string, string>;

  constructor(private readonly options: KafkaBusOptions) {
    const log = options.log;
    this.topicSettings = topicConfigOf(options);
    if (options.minInsyncReplicas !== undefined && options.minInsyncReplicas > (options.replicationFactor ?? 1))
      throw new RangeError(
        `min.insync.replicas (${options.minInsyncReplicas}) au-dessus du facteur de réplication (${options.replicationFactor ?? 1}) : aucune écriture ne passerait`,
      );
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...(options.ssl !== undefined ? { ssl: options.ssl } : {}),
      ...(options.sasl ? { sasl: options.sasl as never } : {}),
      connectionTimeout: 5_000,
      requestTimeout: 30_000,
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
      // The client's own warnings and errors go to the service's log (pino), with what kafkajs says of them.
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        const { message, timestamp: _timestamp, logger: _logger, ...extra } = entry.log as Record<string, unknown>;
        log?.(entry.level === logLevel.ERROR ? 'error' : 'warn', String(message), {
          namespace: entry.namespace,
          ...extra,
        });
      },
    });
  }

  /** Forgets a producer the broker no longer knows: the caller's next attempt connects a new one. */
  private async dropProducer(stale: Producer): Promise<void> {
    if (this.producer !== stale) return;
    this.producer = undefined;
    this.producerReady = undefined;
    await stale.disconnect().catch(() => undefined);
  }

  private async readyProducer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      this.producer = producer;
      return producer;
    })();
    try {
      return await this.producerReady;
    } catch (error) {
      this.producerReady = undefined;
      throw error;
    }
  }

  private ensuring: Promise<void> = Promise.resolve();

  /**
   * Creates the missing topics and waits until every partition has a leader. Several services of one process, or
   * several processes, may race to create the same topic on a fresh broker: « already exists » is success, and
   * nobody subscribes before the broker hosts the partitions.
   */
  private physical(topic: string): string {
    return `${this.options.topicPrefix ?? ''}${topic}`;
  }

  private logical(topic: string): string {
    const prefix = this.options.topicPrefix ?? '';
    return topic.startsWith(prefix) ? topic.slice(prefix.length) : topic;
  }

  ensureTopics(topics: string[]): Promise<void> {
    const physical = topics.map((t) => this.physical(t));
    this.ensuring = this.ensuring.catch(() => undefined).then(() => this.createAndAwait(physical));
    return this.ensuring;
  }

  private async createAndAwait(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        try {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({
              topic,
              numPartitions: this.options.partitions ?? 3,
              replicationFactor: this.options.replicationFactor ?? 1,
              configEntries: Object.entries(this.topicSettings).map(([name, value]) => ({ name, value })),
            })),
          });
        } catch (error) {
          // Created meanwhile by another process, or not yet known to every broker: the wait below says when it is hosted.
          if (
            !/already exists/i.test(String((error as Error).message)) &&
            (error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS' &&
            !isRetriable(error)
          )
            throw error;
        }
      }
      for (let attempt = 0; attempt < 50; attempt++) {
        try {
          const metadata = await admin.fetchTopicMetadata({ topics });
          if (metadata.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
            return await this.alignConfigs(admin, topics);
        } catch {
          /* not hosted yet */
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`sujets sans leader après création : ${topics.join(', ')}`);
    } finally {
      await admin.disconnect();
    }
  }

  /** The topics' retention, message size and in-sync replicas as this bus sets them; set again where they differ. */
  private async alignConfigs(admin: Admin, topics: string[]): Promise<void> {
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: Object.keys(this.topicSettings),
      })),
    });
    const drifted = described.resources.filter((resource) =>
      Object.entries(this.topicSettings).some(
        ([name, value]) => resource.configEntries.find((entry) => entry.configName === name)?.configValue !== value,
      ),
    );
    if (drifted.length === 0) return;
    this.options.log?.(
      'warn',
      `sujets ramenés à leur configuration (rétention ${this.topicSettings['retention.ms']} ms) : ${drifted.map((r) => r.resourceName).join(', ')}`,
    );
    await admin.alterConfigs({
      validateOnly: false,
      resources: drifted.map((resource) => ({
        type: ConfigResourceTypes.TOPIC,
        name: resource.resourceName,
        configEntries: Object.entries(this.topicSettings).map(([name, value]) => ({ name, value })),
      })),
    });
  }

  /** The topics' settings as the broker has them (tests, and the check at start). */
  async topicConfig(topic: string): Promise<Record<string, string>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: this.physical(topic), configNames: Object.keys(this.topicSettings) },
        ],
      });
      return Object.fromEntries(
        described.resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]),
      );
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Sends in requests of at most 768 KiB, in order. A record the broker can never take (too large, invalid) is
   * an UnpublishableEventError naming it, so the relay can set it aside rather than stop on it.
   */
  async publish(topic: string, events: IntegrationEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (events.length > MAX_PUBLISH_BATCH)
      throw new RangeError(`au plus ${MAX_PUBLISH_BATCH} événements par publication`);
    assertPublishable(events);
    const records = events.map(toKafkaRecord);
    const producer = await this.readyProducer();
    for (let start = 0; start < records.length;) {
      let end = start;
      for (
        let bytes = 0;
        end < records.length && (end === start || bytes + messageBytes(records[end]) <= MAX_REQUEST_BYTES);
        end++
      )
        bytes += messageBytes(records[end]);
      try {
        await producer.send({ topic: this.physical(topic), acks: -1, messages: records.slice(start, end) });
      } catch (error) {
        const type = (error as { type?: string }).type ?? (error as { cause?: { type?: string } }).cause?.type;
        if (type && UNPUBLISHABLE.has(type))
          throw new UnpublishableEventError(
            events.slice(start, end).map((event) => event.id),
            `refusé par Kafka (${type})`,
          );
        if (type && STALE_PRODUCER.has(type)) await this.dropProducer(producer);
        throw error;
      }
      start = end;
    }
  }

  async subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      retry: { retries: 8, restartOnFailure: async () => true },
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.options.onConsumerCrash?.(options.groupId, event.payload.error, event.payload.restart);
    });
    await this.ensureTopics(options.topics);
    await consumer.connect();
    // A topic just created may not be in every broker's metadata yet (« does not host this topic-partition »): retry, bounded.
    for (let attempt = 1; ; attempt++) {
      try {
        await consumer.subscribe({
          topics: options.topics.map((t) => this.physical(t)),
          fromBeginning: options.fromBeginning ?? true,
        });
        break;
      } catch (error) {
        if (!isRetriable(error) || attempt >= SUBSCRIBE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    // A record as an event, or undefined once told to onInvalid (without onInvalid, delivery stops on it).
    const decode = async (
      topic: string,
      partition: number,
      message: KafkaMessage,
    ): Promise<IntegrationEvent | undefined> => {
      const raw = {
        key: message.key?.toString('utf8'),
        value: message.value?.toString('utf8') ?? null,
        headers: headersToStrings(message.headers),
      };
      try {
        return fromKafkaRecord(raw);
      } catch (error) {
        if (!(error instanceof EnvelopeError) || !options.onInvalid) throw error;
        await options.onInvalid(error, {
          topic: this.logical(topic),
          partition,
          offset: message.offset,
          headers: raw.headers,
          value: raw.value,
        });
        return undefined;
      }
    };
    const handleBatch = options.handleBatch;
    if (handleBatch) {
      await consumer.run({
        autoCommit: true,
        // The batch's offsets are resolved only once it is handled: one that throws is fetched again.
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch, heartbeat }) => {
          const events: Array<{ event: IntegrationEvent; context: DeliveryContext }> = [];
          for (const message of batch.messages) {
            const event = await decode(batch.topic, batch.partition, message);
            if (event)
              events.push({
                event,
                context: { topic: this.logical(batch.topic), partition: batch.partition, offset: message.offset },
              });
          }
          if (events.length > 0) await handleBatch(events);
          await heartbeat();
        },
      });
    } else {
      await consumer.run({
        autoCommit: true,
        eachMessage: async ({ topic, partition, message }) => {
          const event = await decode(topic, partition, message);
          if (event) await options.handle(event, { topic: this.logical(topic), partition, offset: message.offset });
        },
      });
    }
    this.consumers.add(consumer);
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  /** Σ over partitions of (high watermark − the group's committed offset, or the low watermark when it has none). */
  async backlog(groupId: string, topics: string[]): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      let total = 0;
      for (const topic of topics.map((t) => this.physical(t))) {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        for (const end of ends) {
          const offset = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          const from = Number(offset) >= 0 ? Number(offset) : Number(end.low);
          total += Math.max(0, Number(end.high) - from);
        }
      }
      return total;
    } finally {
      await admin.disconnect();
    }
  }

  async ping(): Promise<boolean> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.disconnect().catch(() => undefined)));
    this.consumers.clear();
    await this.producer?.disconnect().catch(() => undefined);
  }
}
