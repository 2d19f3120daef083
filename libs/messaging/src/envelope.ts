import type { JsonObject, RecordedEvent } from '@cvl/event-store';

/**
 * An integration event: a CloudEvents 1.0 event with our extensions. On Kafka it travels in binary mode: the
 * attributes as `ce_*` headers, the data as the JSON value, the stream id as the record key.
 */
export interface IntegrationEvent {
  id: string;
  /** The publishing service, as a URI reference: « /commitments ». */
  source: string;
  type: string;
  specversion: '1.0';
  /** When the event was recorded (ISO 8601). */
  time: string;
  /** The stream the event belongs to. */
  subject: string;
  datacontenttype: 'application/json';
  data: JsonObject;
  streamid: string;
  revision: number;
  globalposition: string;
  correlationid: string;
  causationid: string;
  actor: string;
  schemaversion: number;
  /**
   * CloudEvents distributed-tracing extension: the W3C trace context of the publication (absent when the publishing
   * process is not traced). On Kafka: `ce_traceparent`, `ce_tracestate`.
   */
  traceparent?: string;
  tracestate?: string;
}

export type Headers = Record<string, string>;

const ATTRIBUTES = ['id', 'source', 'type', 'specversion', 'time', 'subject'] as const;
const EXTENSIONS = [
  'streamid',
  'revision',
  'globalposition',
  'correlationid',
  'causationid',
  'actor',
  'schemaversion',
] as const;
/** Optional extensions: written when present, read when present and well formed. */
const OPTIONAL_EXTENSIONS = ['traceparent', 'tracestate'] as const;
/** W3C Trace Context, version 00: « 00-<trace id>-<parent id>-<flags> », lower-case hex. */
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export class EnvelopeError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`Enveloppe invalide — ${field} : ${detail}`);
    this.name = 'EnvelopeError';
  }
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** Who caused an event, as the `actor` extension carries it (compact JSON: CloudEvents extensions are strings). */
export interface EventActor {
  subject: string;
  organisation: string;
  roles: string[];
}

/** The stored actor (a structure; « subject@organisation » in events written before it was one) as the extension's text. */
export function encodeActor(actor: unknown): string {
  if (actor && typeof actor === 'object' && !Array.isArray(actor)) {
    const a = actor as Partial<EventActor>;
    return JSON.stringify({
      subject: String(a.subject ?? ''),
      organisation: String(a.organisation ?? ''),
      roles: Array.isArray(a.roles) ? a.roles.map(String) : [],
    });
  }
  return text(actor) || 'system';
}

/** The actor an integration event names; an old « subject@organisation » is split at its last « @ », with no roles. */
export function decodeActor(encoded: string): EventActor {
  if (encoded.startsWith('{')) {
    try {
      const parsed = JSON.parse(encoded) as Partial<EventActor>;
      if (
        typeof parsed.subject === 'string' &&
        typeof parsed.organisation === 'string' &&
        Array.isArray(parsed.roles)
      ) {
        return {
          subject: parsed.subject,
          organisation: parsed.organisation,
          roles: parsed.roles.filter((r): r is string => typeof r === 'string'),
        };
      }
    } catch {
      // not JSON after all: read it as text below
    }
  }
  const at = encoded.lastIndexOf('@');
  return at > 0
    ? { subject: encoded.slice(0, at), organisation: encoded.slice(at + 1), roles: [] }
    : { subject: encoded || 'system', organisation: 'cvl', roles: [] };
}

/** Builds the integration event for an event read from the store. */
export function envelopeFor(event: RecordedEvent, source: string): IntegrationEvent {
  const metadata = event.metadata ?? {};
  return {
    id: event.eventId,
    source,
    type: event.type,
    specversion: '1.0',
    time: event.recordedAt,
    subject: event.streamId,
    datacontenttype: 'application/json',
    data: event.data,
    streamid: event.streamId,
    revision: event.revision,
    globalposition: `${event.checkpoint.commit}:${event.checkpoint.position}`,
    correlationid: text(metadata.correlationId) || event.eventId,
    causationid: text(metadata.causationId) || event.eventId,
    actor: encodeActor(metadata.actor),
    schemaversion: event.schemaVersion,
    ...traceExtension(metadata),
  };
}

/** The trace context an event's metadata or a record's headers carry, if it is well formed (else none: never a refusal). */
function traceExtension(from: {
  traceparent?: unknown;
  tracestate?: unknown;
}): Pick<IntegrationEvent, 'traceparent' | 'tracestate'> {
  if (typeof from.traceparent !== 'string' || !TRACEPARENT.test(from.traceparent)) return {};
  const state = typeof from.tracestate === 'string' && from.tracestate.length <= 512 ? from.tracestate : undefined;
  return { traceparent: from.traceparent, ...(state ? { tracestate: state } : {}) };
}

/** CloudEvents Kafka binding, binary mode. */
export function toKafkaRecord(event: IntegrationEvent): { key: string; value: string; headers: Headers } {
  const headers: Headers = { 'content-type': event.datacontenttype };
  for (const name of ATTRIBUTES) headers[`ce_${name}`] = text(event[name]);
  for (const name of EXTENSIONS) headers[`ce_${name}`] = text(event[name]);
  for (const name of OPTIONAL_EXTENSIONS) if (event[name]) headers[`ce_${name}`] = text(event[name]);
  return { key: event.streamid, value: JSON.stringify(event.data), headers };
}

/** Reads a Kafka record back into an integration event, naming the first header or field at fault. */
export function fromKafkaRecord(record: {
  key?: string | null;
  value: string | null;
  headers: Headers;
}): IntegrationEvent {
  const h = record.headers;
  for (const name of [...ATTRIBUTES, ...EXTENSIONS]) {
    if (!h[`ce_${name}`]) throw new EnvelopeError(`ce_${name}`, 'en-tête manquant');
  }
  if (h.ce_specversion !== '1.0')
    throw new EnvelopeError('ce_specversion', `version ${h.ce_specversion} non prise en charge`);
  if (h['content-type'] !== 'application/json') throw new EnvelopeError('content-type', 'application/json attendu');
  let data: unknown;
  try {
    data = JSON.parse(record.value ?? '');
  } catch {
    throw new EnvelopeError('value', 'JSON illisible');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new EnvelopeError('value', 'objet JSON attendu');
  const revision = Number(h.ce_revision);
  const schemaversion = Number(h.ce_schemaversion);
  if (!Number.isInteger(revision) || revision < 0) throw new EnvelopeError('ce_revision', 'entier ≥ 0 attendu');
  if (!Number.isInteger(schemaversion) || schemaversion < 1)
    throw new EnvelopeError('ce_schemaversion', 'entier ≥ 1 attendu');
  return {
    id: h.ce_id,
    source: h.ce_source,
    type: h.ce_type,
    specversion: '1.0',
    time: h.ce_time,
    subject: h.ce_subject,
    datacontenttype: 'application/json',
    data: data as JsonObject,
    streamid: h.ce_streamid,
    revision,
    globalposition: h.ce_globalposition,
    correlationid: h.ce_correlationid,
    causationid: h.ce_causationid,
    actor: h.ce_actor,
    schemaversion,
    ...traceExtension({ traceparent: h.ce_traceparent, tracestate: h.ce_tracestate }),
  };
}

/** Topic naming: « <service>.events.v<major> ». */
export function topicFor(service: string, major = 1): string {
  return `${service}.events.v${major}`;
}
