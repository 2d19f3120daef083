import { canonicalJson } from './canonical-json';
import { describeSize } from './describe-size';
import { InvalidAppendError, MAX_APPEND_EVENTS, MAX_EVENT_BYTES, type ExpectedRevision, type NewEvent } from './event-store.port';

/** Checks an append before any adapter touches storage, naming the field at fault. */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.trim() === '' || streamId.length > 200) {
    throw new InvalidAppendError('streamId', 'identifiant de flux vide ou trop long (200 caractères au plus)');
  }
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < -1)) {
    throw new InvalidAppendError('expectedRevision', `version attendue invalide : ${expected}`);
  }
  if (events.length === 0) throw new InvalidAppendError('events', 'aucun événement à ajouter');
  if (events.length > MAX_APPEND_EVENTS) throw new InvalidAppendError('events', `au plus ${MAX_APPEND_EVENTS} événements par ajout`);
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const at = `events[${index}]`;
    if (typeof event.eventId !== 'string' || event.eventId.trim() === '') throw new InvalidAppendError(`${at}.eventId`, 'identifiant manquant');
    if (seen.has(event.eventId)) throw new InvalidAppendError(`${at}.eventId`, `identifiant répété dans le lot : ${event.eventId}`);
    seen.add(event.eventId);
    if (typeof event.type !== 'string' || event.type.trim() === '') throw new InvalidAppendError(`${at}.type`, 'type manquant');
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) throw new InvalidAppendError(`${at}.schemaVersion`, 'entier ≥ 1 attendu');
    if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) throw new InvalidAppendError(`${at}.data`, 'objet JSON attendu');
    // Refused here, at write time, rather than stored and then refused by the broker forever after.
    const bytes = Buffer.byteLength(canonicalJson(event.data)) + Buffer.byteLength(canonicalJson(event.metadata ?? {}));
    if (bytes > MAX_EVENT_BYTES) throw new InvalidAppendError(`${at}.data`, `événement trop volumineux : ${describeSize(bytes)}, au plus ${describeSize(MAX_EVENT_BYTES)}`);
  });
}
