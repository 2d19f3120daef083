import type { IntegrationEvent } from '../envelope';
import type { BusSubscription, IntegrationBus, SubscribeOptions } from '../integration-bus.port';
import { MAX_PUBLISH_BATCH } from '../integration-bus.port';

interface Waiter {
  wake(): void;
}

const MAX_RETRY_DELAY_MS = 2_000;

/**
 * The embedded mode's transport: one ordered log per topic in memory, one committed position per group and topic.
 * Same contract as Kafka (at-least-once, order per stream, every group gets everything); nothing survives the
 * process, which is fine because the relay republishes from the event store's durable checkpoint.
 */
export interface InProcessBusOptions {
  /** Told of each failed delivery (the event is retried, with backoff, until the handler accepts it). */
  onHandlerError?: (groupId: string, topic: string, error: unknown) => void;
}

export class InProcessBus implements IntegrationBus {
  readonly kind = 'in-process' as const;

  constructor(private readonly options: InProcessBusOptions = {}) {}

  private readonly logs = new Map<string, IntegrationEvent[]>();
  private readonly committed = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  async ensureTopics(topics: string[]): Promise<void> {
    for (const topic of topics) if (!this.logs.has(topic)) this.logs.set(topic, []);
  }

  async publish(topic: string, events: IntegrationEvent[]): Promise<void> {
    if (events.length > MAX_PUBLISH_BATCH) throw new RangeError(`au plus ${MAX_PUBLISH_BATCH} événements par publication`);
    const log = this.logs.get(topic);
    if (!log) throw new Error(`sujet inconnu : ${topic} (créez-le d’abord)`);
    log.push(...events.map((event) => structuredClone(event)));
    for (const waiter of this.waiters) waiter.wake();
  }

  async subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    for (const topic of options.topics) {
      if (!this.logs.has(topic)) throw new Error(`sujet inconnu : ${topic} (créez-le d’abord)`);
      const key = `${options.groupId}\u0000${topic}`;
      if (!this.committed.has(key)) this.committed.set(key, options.fromBeginning === false ? (this.logs.get(topic)?.length ?? 0) : 0);
    }
    let stopped = false;
    let wake: () => void = () => undefined;
    const waiter: Waiter = { wake: () => wake() };
    this.waiters.add(waiter);
    const idle = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });

    const loop = async () => {
      let failures = 0;
      while (!stopped && !this.closed) {
        let delivered = false;
        for (const topic of options.topics) {
          const key = `${options.groupId}\u0000${topic}`;
          const log = this.logs.get(topic) ?? [];
          const offset = this.committed.get(key) ?? 0;
          if (offset >= log.length || stopped) continue;
          try {
            await options.handle(structuredClone(log[offset]), { topic, partition: 0, offset: String(offset) });
            this.committed.set(key, offset + 1);
            failures = 0;
            delivered = true;
          } catch (error) {
            this.options.onHandlerError?.(options.groupId, topic, error);
            failures++;
            await idle(Math.min(10 * 2 ** failures, MAX_RETRY_DELAY_MS));
          }
        }
        if (!delivered) await idle(1_000);
      }
    };
    const running = loop();
    return {
      stop: async () => {
        stopped = true;
        wake();
        await running;
        this.waiters.delete(waiter);
      },
    };
  }

  async backlog(groupId: string, topics: string[]): Promise<number> {
    return topics.reduce((sum, topic) => sum + (this.logs.get(topic)?.length ?? 0) - (this.committed.get(`${groupId}\u0000${topic}`) ?? 0), 0);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters) waiter.wake();
  }
}
