import { catchUp, type CatchUpSubscription, type CheckpointStore, type EventStore, type GlobalCheckpoint, type RecordedEvent } from '@cvl/event-store';
import { envelopeFor, type IntegrationEvent } from './envelope';
import type { IntegrationBus } from './integration-bus.port';

export interface RelayOptions {
  /** Names the relay's durable checkpoint. */
  name: string;
  /** The topic it publishes to (« commitments.events.v1 »). */
  topic: string;
  /** CloudEvents source of the publishing service (« /commitments »). */
  source: string;
  /** Which stored events go out (default: all of them). */
  include?: (event: RecordedEvent) => boolean;
  batchSize?: number;
  idleDelayMs?: number;
  /** Told after each batch is published and before its checkpoint is saved (logs, metrics, fault tests). */
  onPublished?: (events: IntegrationEvent[], upTo: GlobalCheckpoint) => Promise<void> | void;
  onError?: (error: unknown, failures: number) => void;
}

/**
 * The outbox relay: tails the event store from a durable checkpoint and publishes to the bus, then moves the
 * checkpoint. Publishing and saving are two steps on purpose, in that order: a crash in between publishes the
 * batch again (consumers dedupe on event id), never loses it.
 */
export class Relay {
  private subscription?: CatchUpSubscription;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly bus: IntegrationBus,
    private readonly options: RelayOptions,
  ) {}

  async start(): Promise<void> {
    if (this.subscription) return;
    await this.bus.ensureTopics([this.options.topic]);
    const include = this.options.include ?? (() => true);
    this.subscription = catchUp(this.store, {
      name: this.options.name,
      checkpoints: this.checkpoints,
      batchSize: this.options.batchSize ?? 200,
      idleDelayMs: this.options.idleDelayMs ?? 100,
      maxConsecutiveFailures: Number.MAX_SAFE_INTEGER,
      onError: this.options.onError,
      handle: async (events) => {
        const outgoing = events.filter(include).map((event) => envelopeFor(event, this.options.source));
        if (outgoing.length > 0) await this.bus.publish(this.options.topic, outgoing);
        await this.options.onPublished?.(outgoing, events[events.length - 1].checkpoint);
      },
    });
  }

  position(): GlobalCheckpoint | undefined {
    return this.subscription?.position();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
