import type { JsonObject, JsonValue, RecordedEvent } from '@cvl/event-store';
import { ContractRegistry, type ContractViolation } from './contracts';
import {
  BOOKING_PROTOCOL_VERSION,
  BOOKING_REQUESTED,
  BOOKING_REQUESTS_TOPIC,
  type BookingRequested,
} from '@cvl/contracts';
import { envelopeFor, topicFor, type IntegrationEvent } from './envelope';

/**
 * What a service publishes for one of its stored events: a public message on a topic, in the words of its contract
 * (contracts/events), never its stored event as such — what is stored may carry internals (the ledger's accounts
 * and transfers) that no other service should come to depend on.
 */
export interface PublishedMessage {
  topic: string;
  type: string;
  data: JsonObject;
  /** The message's schema version (default: the stored event's). */
  schemaVersion?: number;
  /**
   * Tells apart several messages made of one event (`<event id>/<suffix>`); the first message of an event keeps
   * the event's id, so consumers dedupe a redelivery of either on a stable id.
   */
  idSuffix?: string;
}

/** A service's outbound translator: its domain events to its public messages (none, one or several per event). */
export type OutboundTranslator = (event: RecordedEvent) => PublishedMessage[];

/** The translator of a service whose events are public as they are stored, all on one topic. */
export function asStored(topic: string): OutboundTranslator {
  return (event) => [{ topic, type: event.type, data: event.data }];
}

/** The integration event of one message: the stored event's provenance (stream, revision, position, actor), the message's type and data. */
export function publishedEnvelope(event: RecordedEvent, source: string, message: PublishedMessage): IntegrationEvent {
  const envelope = envelopeFor(event, source);
  return {
    ...envelope,
    id: message.idSuffix ? `${event.eventId}/${message.idSuffix}` : event.eventId,
    type: message.type,
    data: message.data,
    schemaversion: message.schemaVersion ?? event.schemaVersion,
  };
}

/** Leaves out of an event's data, at any depth (a pool's parts hold their own), the fields its contract does not publish. */
export function without(data: JsonObject, fields: readonly string[]): JsonObject {
  return strip(data, fields) as JsonObject;
}

function strip(value: JsonValue, fields: readonly string[]): JsonValue {
  if (Array.isArray(value)) return value.map((item) => strip(item, fields));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) if (!fields.includes(key)) out[key] = strip(item, fields);
  return out;
}

/** A message a translator made of a decided event, with what contracts/ says is wrong with it (nothing, we hope). */
export interface CheckedMessage {
  topic: string;
  type: string;
  data: JsonObject;
  violations: ContractViolation[];
}

let checkingRegistry: ContractRegistry | undefined;

/**
 * What a service would publish for events its deciders produced — as the relay does it: stored (JSON round trip),
 * translated, wrapped in its envelope — each message checked against contracts/, envelope and data.
 */
export function publishedMessages(
  translate: OutboundTranslator,
  source: string,
  events: ReadonlyArray<{ type: string; data: unknown }>,
): CheckedMessage[] {
  checkingRegistry ??= new ContractRegistry();
  const contracts = checkingRegistry;
  return events.flatMap((event, i) => {
    const recorded: RecordedEvent = {
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      streamId: `${source.slice(1)}-test`,
      revision: i,
      type: event.type,
      schemaVersion: 1,
      data: JSON.parse(JSON.stringify(event.data)) as JsonObject,
      metadata: { actor: { subject: 'test', organisation: 'cvl', roles: ['admin'] } },
      recordedAt: '2016-01-01T00:00:00.000Z',
      hash: '0'.repeat(64),
      checkpoint: { commit: 1n, position: BigInt(i) },
    };
    return translate(recorded).map((message) => {
      const envelope = publishedEnvelope(recorded, source, message);
      return { topic: message.topic, type: message.type, data: message.data, violations: contracts.check(envelope) };
    });
  });
}

/** The integration events a relay would publish on `topic` for stored events: to deliver them again, as Kafka may. */
export function relayedEnvelopes(
  translate: OutboundTranslator,
  source: string,
  events: readonly RecordedEvent[],
  topic: string,
): IntegrationEvent[] {
  return events.flatMap((event) =>
    translate(event)
      .filter((message) => message.topic === topic)
      .map((message) => publishedEnvelope(event, source, message)),
  );
}

/**
 * A programme's translator: its events on its own topic as they are stored (a programme keeps nothing internal),
 * and, for those that need the ledger, the `commitments.booking-requested` its `requestOf` makes of them.
 */
export function programmeTranslator(
  source: string,
  requestOf: (event: RecordedEvent) => BookingRequested | undefined,
): OutboundTranslator {
  const own = asStored(topicFor(source));
  return (event) => {
    const request = requestOf(event);
    if (!request) return own(event);
    return [
      ...own(event),
      {
        topic: BOOKING_REQUESTS_TOPIC,
        type: BOOKING_REQUESTED,
        schemaVersion: BOOKING_PROTOCOL_VERSION,
        data: request as unknown as JsonObject,
        idSuffix: 'booking-request',
      },
    ];
  };
}
