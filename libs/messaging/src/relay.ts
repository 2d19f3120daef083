import {
  catchUp,
  type CatchUpSubscription,
  type CheckpointStore,
  type EventStore,
  type GlobalCheckpoint,
  type RecordedEvent,
} from '@cvl/event-store';
import type { IntegrationEvent } from './envelope';
import { MAX_PUBLISH_BATCH, UnpublishableEventError, type IntegrationBus } from './integration-bus.port';
import { asStored, publishedEnvelope, type OutboundTranslator } from './outbound';
import { contextFrom, failed, SpanKind, startSpan, traceContextOf } from './trace-context';
import { ROOT_CONTEXT, trace, type Span } from '@opentelemetry/api';

export interface RelayOptions {
  /** Names the relay's durable checkpoint. */
  name: string;
  /** The service's own topic (« commitments.events.v1 »), ensured at start. */
  topic: string;
  /**
   * What goes out for each stored event (the service's outbound translator): messages on its topic or on others,
   * each topic ensured the first time a message goes to it. Default: the stored event as it is, on `topic`.
   */
  translate?: OutboundTranslator;
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
interface Outgoing {
  topic: string;
  envelope: IntegrationEvent;
}

export class Relay {
  private subscription?: CatchUpSubscription;
  private readonly translate: OutboundTranslator;
  /** Topics known to exist (bounded by the topics a service's translator names: its own and its peers' answers). */
  private readonly ensured = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly bus: IntegrationBus,
    private readonly options: RelayOptions,
  ) {
    this.translate = options.translate ?? asStored(options.topic);
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    await this.bus.ensureTopics([this.options.topic]);
    this.ensured.add(this.options.topic);
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

  /**
   * The batch at once; if the transport refuses part of it for good, or an event cannot be translated, one event
   * at a time, in order, setting aside the refused. The messages of one event go out together or not at all.
   */
  private async publish(events: RecordedEvent[]): Promise<IntegrationEvent[]> {
    if (events.length === 0) return [];
    // One producer span per event, child of the work that decided it (its metadata's trace context), ended when the
    // batch is sent or given up: the consumers' spans hang under it, in another process.
    const spans = new Map<string, Span>();
    try {
      return await this.publishTraced(events, spans);
    } catch (error) {
      for (const span of spans.values()) failed(span, error);
      throw error;
    } finally {
      for (const span of spans.values()) span.end();
    }
  }

  private async publishTraced(events: RecordedEvent[], spans: Map<string, Span>): Promise<IntegrationEvent[]> {
    const deadLetter = this.options.onDeadLetter;
    let outgoing: Outgoing[] | undefined;
    try {
      outgoing = events.flatMap((event) => this.outgoing(event, spans));
    } catch (error) {
      if (!deadLetter) throw error;
    }
    if (outgoing) {
      try {
        await this.send(outgoing);
        return outgoing.map((o) => o.envelope);
      } catch (error) {
        if (!deadLetter || !(error instanceof UnpublishableEventError)) throw error;
      }
    }
    if (!deadLetter) return [];
    const published: IntegrationEvent[] = [];
    for (const event of events) {
      let messages: Outgoing[];
      try {
        messages = this.outgoing(event, spans);
      } catch (error) {
        await deadLetter(event, `enveloppe impossible : ${(error as Error).message}`);
        continue;
      }
      try {
        await this.send(messages);
        published.push(...messages.map((o) => o.envelope));
      } catch (error) {
        if (!(error instanceof UnpublishableEventError)) throw error;
        await deadLetter(event, error.reason);
      }
    }
    return published;
  }

  private outgoing(event: RecordedEvent, spans: Map<string, Span>): Outgoing[] {
    const messages = this.translate(event);
    let span = spans.get(event.eventId);
    if (!span) {
      span = startSpan(`publish ${this.options.topic}`, {
        kind: SpanKind.PRODUCER,
        parent: contextFrom(event.metadata),
        attributes: {
          'messaging.operation.type': 'publish',
          'messaging.destination.name': this.options.topic,
          'messaging.message.id': event.eventId,
          'cloudevents.event_type': event.type,
          'cvl.stream': event.streamId,
        },
      });
      spans.set(event.eventId, span);
    }
    span.setAttribute('cvl.topics', [...new Set(messages.map((message) => message.topic))].join(','));
    const published = traceContextOf(trace.setSpan(ROOT_CONTEXT, span));
    return messages.map((message) => ({
      topic: message.topic,
      envelope: { ...publishedEnvelope(event, this.options.source, message), ...published },
    }));
  }

  /** Per topic, in the order of the events, in batches the transport takes; a topic is ensured the first time. */
  private async send(outgoing: readonly Outgoing[]): Promise<void> {
    const byTopic = new Map<string, IntegrationEvent[]>();
    for (const { topic, envelope } of outgoing) byTopic.set(topic, [...(byTopic.get(topic) ?? []), envelope]);
    for (const [topic, envelopes] of byTopic) {
      if (!this.ensured.has(topic)) {
        await this.bus.ensureTopics([topic]);
        this.ensured.add(topic);
      }
      for (let from = 0; from < envelopes.length; from += MAX_PUBLISH_BATCH)
        await this.bus.publish(topic, envelopes.slice(from, from + MAX_PUBLISH_BATCH));
    }
  }

  position(): GlobalCheckpoint | undefined {
    return this.subscription?.position();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}
