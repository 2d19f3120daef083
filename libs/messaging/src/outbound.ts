import type { JsonObject, JsonValue, RecordedEvent } from '@cvl/event-store';
import { envelopeFor, type IntegrationEvent } from './envelope';

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
