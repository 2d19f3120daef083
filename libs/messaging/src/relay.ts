import {
  catchUp,
  type CatchUpSubscription,
  type CheckpointStore,
  type EventStore,
  type GlobalCheckpoint,
  type RecordedEvent,
} from '@cvl/event-store';
import { envelopeFor, type IntegrationEvent } from './envelope';
import { UnpublishableEventError, type IntegrationBus } from './integration-bus.port';

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
  /**
   * An event the transport will never take (UnpublishableEventError), or that cannot become an envelope: given
   * here, it is set aside (kept, alerted) and the relay goes on with the next; absent, the relay retries it for ever.
   */
  onDeadLetter?: (event: RecordedEvent, reason: string) => Promise<void>;
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
        const outgoing = await this.publish(events.filter(include));
        await this.options.onPublished?.(outgoing, events[events.length - 1].checkpoint);
      },
    });
  }

  /** The batch at once; if the transport refuses part of it for good, one by one, in order, setting aside the refused. */
  private async publish(events: RecordedEvent[]): Promise<IntegrationEvent[]> {
    if (events.length === 0) return [];
    const deadLetter = this.options.onDeadLetter;
    let outgoing: IntegrationEvent[] | undefined;
    try {
      outgoing = events.map((event) => envelopeFor(event, this.options.source));
    } catch (error) {
      if (!deadLetter) throw error;
    }
    if (outgoing) {
      try {
        await this.bus.publish(this.options.topic, outgoing);
        return outgoing;
      } catch (error) {
        if (!deadLetter || !(error instanceof UnpublishableEventError)) throw error;
      }
    }
    if (!deadLetter) return [];
    const published: IntegrationEvent[] = [];
    for (const event of events) {
      let envelope: IntegrationEvent;
      try {
        envelope = envelopeFor(event, this.options.source);
      } catch (error) {
        await deadLetter(event, `enveloppe impossible : ${(error as Error).message}`);
        continue;
      }
      try {
        await this.bus.publish(this.options.topic, [envelope]);
        published.push(envelope);
      } catch (error) {
        if (!(error instanceof UnpublishableEventError)) throw error;
        await deadLetter(event, error.reason);
      }
    }
    return published;
  }

  position(): GlobalCheckpoint | undefined {
    return this.subscription?.position();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
