import { createHash } from 'node:crypto';
import type { JsonValue } from './event-store.port';

/** JSON with object keys sorted at every depth and no white space: one text per value, for hashing. */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in event');
  return JSON.stringify(value);
}

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: JsonValue;
  metadata: JsonValue;
  recordedAt: string;
  /** Hashed when present and not empty: events written before tags existed keep the hash they had. */
  tags?: readonly string[];
}

/** hash = sha256(previous hash in the stream + canonical JSON of the event). */
export function chainHash(previousHash: string, event: HashedFields): string {
  const hashed: { [key: string]: JsonValue | undefined } = {
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    tags: event.tags && event.tags.length > 0 ? [...event.tags] : undefined,
  };
  const body = canonicalJson(hashed as JsonValue);
  return createHash('sha256').update(previousHash).update(body).digest('hex');
}
