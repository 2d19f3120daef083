import { canonicalJson } from './canonical-json';
import { describeSize } from './describe-size';
import {
  InvalidAppendError,
  isTagCondition,
  TagConflictError,
  WrongExpectedRevisionError,
  MAX_APPEND_EVENTS,
  MAX_CONDITION_TAGS,
  MAX_EVENT_BYTES,
  MAX_EVENT_TAGS,
  TAG_PATTERN,
  type ExpectedRevision,
  type NewEvent,
} from './event-store.port';

/** Checks an append before any adapter touches storage, naming the field at fault. */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.trim() === '' || streamId.length > 200) {
    throw new InvalidAppendError('streamId', 'identifiant de flux vide ou trop long (200 caractères au plus)');
  }
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < -1)) {
    throw new InvalidAppendError('expectedRevision', `version attendue invalide : ${expected}`);
  }
  if (isTagCondition(expected)) {
    if (!Number.isInteger(expected.after) || expected.after < -1)
      throw new InvalidAppendError('expectedRevision.after', `version invalide : ${String(expected.after)}`);
    if (!Array.isArray(expected.tags) || expected.tags.length === 0)
      throw new InvalidAppendError(
        'expectedRevision.tags',
        'au moins une étiquette : une condition sans étiquette ne protège rien',
      );
    if (expected.tags.length > MAX_CONDITION_TAGS)
      throw new InvalidAppendError('expectedRevision.tags', `au plus ${MAX_CONDITION_TAGS} étiquettes par condition`);
    expected.tags.forEach((tag, index) => checkTag(tag, `expectedRevision.tags[${index}]`));
  }
  if (events.length === 0) throw new InvalidAppendError('events', 'aucun événement à ajouter');
  if (events.length > MAX_APPEND_EVENTS)
    throw new InvalidAppendError('events', `au plus ${MAX_APPEND_EVENTS} événements par ajout`);
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const at = `events[${index}]`;
    if (typeof event.eventId !== 'string' || event.eventId.trim() === '')
      throw new InvalidAppendError(`${at}.eventId`, 'identifiant manquant');
    if (seen.has(event.eventId))
      throw new InvalidAppendError(`${at}.eventId`, `identifiant répété dans le lot : ${event.eventId}`);
    seen.add(event.eventId);
    if (typeof event.type !== 'string' || event.type.trim() === '')
      throw new InvalidAppendError(`${at}.type`, 'type manquant');
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1)
      throw new InvalidAppendError(`${at}.schemaVersion`, 'entier ≥ 1 attendu');
    if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data))
      throw new InvalidAppendError(`${at}.data`, 'objet JSON attendu');
    if (event.tags !== undefined) {
      if (!Array.isArray(event.tags) || event.tags.length > MAX_EVENT_TAGS)
        throw new InvalidAppendError(`${at}.tags`, `liste d’au plus ${MAX_EVENT_TAGS} étiquettes attendue`);
      event.tags.forEach((tag, position) => checkTag(tag, `${at}.tags[${position}]`));
      if (new Set(event.tags).size !== event.tags.length)
        throw new InvalidAppendError(`${at}.tags`, 'étiquette répétée');
    }
    // Refused here, at write time, rather than stored and then refused by the broker forever after.
    const bytes =
      Buffer.byteLength(canonicalJson(event.data)) +
      Buffer.byteLength(canonicalJson(event.metadata ?? {})) +
      Buffer.byteLength(canonicalJson([...(event.tags ?? [])]));
    if (bytes > MAX_EVENT_BYTES)
      throw new InvalidAppendError(
        `${at}.data`,
        `événement trop volumineux : ${describeSize(bytes)}, au plus ${describeSize(MAX_EVENT_BYTES)}`,
      );
  });
}

function checkTag(tag: unknown, field: string): void {
  if (typeof tag !== 'string' || !TAG_PATTERN.test(tag)) {
    throw new InvalidAppendError(
      field,
      `étiquette invalide : « ${String(tag).slice(0, 80)} » (attendu « genre:identifiant », par exemple « envelope:etat-ville-2016 »)`,
    );
  }
}

/**
 * The expected revision against the stream as it stands (`current`), for every adapter. A tag condition is met
 * when none of `newer` (the stream's events after `expected.after`, with their tags) shares a tag with it.
 */
export function checkExpected(
  streamId: string,
  expected: ExpectedRevision,
  current: number,
  newer: ReadonlyArray<{ revision: number; tags?: readonly string[] | null }> = [],
): void {
  if (isTagCondition(expected)) {
    if (expected.after > current) throw new WrongExpectedRevisionError(streamId, expected, current);
    const wanted = new Set(expected.tags);
    for (const event of newer) {
      if (event.revision <= expected.after) continue;
      const tag = event.tags?.find((candidate) => wanted.has(candidate));
      if (tag !== undefined) throw new TagConflictError(streamId, expected, current, { revision: event.revision, tag });
    }
    return;
  }
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1) ||
    (expected === 'stream_exists' && current >= 0) ||
    expected === current;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, current);
}
