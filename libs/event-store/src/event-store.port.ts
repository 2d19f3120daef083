import type { SignedTreeHead } from './signed-log/tree-head';
/**
 * The event store port. Domain code appends and reads through it and never knows which database is behind it.
 * Streams are ordered by revision (0, 1, 2…); the whole store is ordered by a global checkpoint that readers can
 * follow without ever missing an event committed late by a concurrent writer.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type EventMetadata = JsonObject;

export interface NewEvent {
  /** Client-generated (UUID): appending an event id already stored is a no-op returning the first result. */
  eventId: string;
  /** Explicit, stable type name (« commitments.commitment-recorded »); never a class name. */
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata?: EventMetadata;
  /**
   * What the event concerns (« envelope:… », « commitment:… », « condition:… »): the consistency boundary of the
   * decision that wrote it. An append conditioned on tags conflicts only with newer events that share one of them.
   * Covered by the hash chain, like the rest of the event.
   */
  tags?: readonly string[];
}

export interface RecordedEvent {
  streamId: string;
  revision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadata;
  /** ISO 8601 instant at which the store recorded it (transaction time). */
  recordedAt: string;
  /** sha256 of the previous event's hash in the stream and this event's canonical JSON. */
  hash: string;
  checkpoint: GlobalCheckpoint;
  /** Present when the event was appended with tags. */
  tags?: string[];
}

/** A point in the global order. Readers resume strictly after it. Text form: « <commit>:<position> ». */
export interface GlobalCheckpoint {
  /** The writing transaction (PostgreSQL xid8), or the commit position in other stores. */
  commit: bigint;
  position: bigint;
}

export const START: GlobalCheckpoint = Object.freeze({ commit: 0n, position: 0n });

export function checkpointToString(checkpoint: GlobalCheckpoint): string {
  return `${checkpoint.commit}:${checkpoint.position}`;
}

export function checkpointFromString(text: string): GlobalCheckpoint {
  const match = /^(\d+):(\d+)$/.exec(text);
  if (!match) throw new Error(`checkpoint illisible : « ${text} »`);
  return { commit: BigInt(match[1]), position: BigInt(match[2]) };
}

export function compareCheckpoints(a: GlobalCheckpoint, b: GlobalCheckpoint): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return 0;
}

/**
 * The consistency boundary of one decision (after Dynamic Consistency Boundaries): the decision was taken on the
 * stream as it stood at revision `after`; the append goes through if no event appended since carries one of `tags`
 * — writers whose decisions concern different things never conflict, however busy the stream.
 */
export interface TagCondition {
  after: number;
  tags: readonly string[];
}

/**
 * A number: the revision of the stream's last event (-1: empty). Or a condition on the stream's existence. Or a
 * tag condition: only the events that concern the decision must be unchanged.
 */
export type ExpectedRevision = number | 'any' | 'no_stream' | 'stream_exists' | TagCondition;

export function isTagCondition(expected: ExpectedRevision): expected is TagCondition {
  return typeof expected === 'object' && expected !== null;
}

/** For messages: « 41 », « any », « tags [envelope:e1, …] after 41 ». */
export function describeExpected(expected: ExpectedRevision): string {
  if (!isTagCondition(expected)) return String(expected);
  const shown =
    expected.tags.slice(0, 3).join(', ') + (expected.tags.length > 3 ? `, … (${expected.tags.length})` : '');
  return `aucun événement [${shown}] après ${expected.after}`;
}

/** At most this many tags per event, and per condition (an import concerns many commitments at once). */
export const MAX_EVENT_TAGS = 1_000;
export const MAX_CONDITION_TAGS = 50_000;
/** « kind:id »: a lower-case kind, a colon, an id without spaces or control characters. */
export const TAG_PATTERN = /^[a-z][a-z-]{0,39}:[^\s\p{Cc}]{1,400}$/u;

export interface AppendResult {
  streamId: string;
  /** Revision of the last event now in the stream (what the next append expects). */
  revision: number;
  /** The events as stored (on an idempotent retry: the ones stored the first time). */
  events: RecordedEvent[];
  /** True when every event id was already stored: nothing was written. */
  idempotentReplay: boolean;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  maxCount?: number;
}

export interface BrokenLink {
  streamId: string;
  revision: number;
  eventId?: string;
  problem: BrokenLinkProblem;
  /** In French, for the people who read the report: what was found and what it means. */
  detail: string;
}

/**
 * What verification can find. In a stream's chain: content changed, a revision missing, out of order, a stream row
 * that disagrees with its events. In the signed log: an event no head covers, a position missing, a root that no
 * longer matches a signed head, a bad signature, a witness that disagrees with the database or holds a head the
 * database lost.
 */
export type BrokenLinkProblem =
  | 'hash_mismatch'
  | 'missing_revision'
  | 'reordered'
  | 'stream_head_mismatch'
  | 'unsigned_event'
  | 'missing_leaf'
  | 'tree_mismatch'
  | 'invalid_signature'
  | 'witness_mismatch'
  | 'rollback';

/** The signed log's state as verification found it. */
export interface SignedLogSummary {
  log: string;
  latestHead?: { sequence: number; treeSize: number; rootHash: string; signedAt: string; keyId: string };
  unsignedEvents: number;
  witness: { location: string; heads: number; latestSequence?: number };
  /** A store from before signing, not opened by the suite since: chains only, until its first head. */
  notYetSigned?: boolean;
}

export interface VerifyReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  /** Every problem found (the first MAX_LISTED_PROBLEMS of them), in the order of the walk. */
  broken: BrokenLink[];
  problemCount: number;
  /** The first of `broken`; undefined when the whole store verifies. */
  firstBroken?: BrokenLink;
  /** Absent for a store that does not sign (KurrentDB keeps chains only). */
  signedLog?: SignedLogSummary;
}

export interface VerifyOptions {
  /** Only the streams whose id starts with this (a service's own streams, « commitments-… »). */
  streamPrefix?: string;
  /** Called after each stream, for progress displays. */
  onProgress?: (progress: { streamsChecked: number; eventsChecked: number }) => void;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Current revision of a stream, -1 when it has no event. */
  streamRevision(streamId: string): Promise<number>;
  /** Events strictly after `after`, in global order, at most `maxCount`. Never skips an event committed late. */
  readAll(after: GlobalCheckpoint, maxCount: number): Promise<RecordedEvent[]>;
  verify(options?: VerifyOptions): Promise<VerifyReport>;
  /** How many events of streams starting with `streamPrefix` lie after `after` (a relay's lag), when the store can say. */
  countAfter?(after: GlobalCheckpoint, streamPrefix: string): Promise<number>;
  /**
   * Tells `listener` after each append this store committed — in this process, and in others where the database
   * can say (PostgreSQL's NOTIFY) — so that followers of the log (the relay, subscriptions) need not wait out their
   * polling delay. Returns the way to stop being told.
   */
  onAppended?(listener: () => void): () => void;
  /**
   * The events stored under these ids (at most MAX_READ_COUNT), in no particular order: what a command already
   * recorded, found by the ids its key gives (a process that does not hold every command in memory).
   */
  findEvents?(eventIds: readonly string[]): Promise<RecordedEvent[]>;
  /**
   * Signs what a service derives from the log and keeps beside it (a snapshot of a state), with the log's key:
   * whoever can write the database cannot produce a seal, so a forged snapshot is never built on. Absent for a
   * store that does not sign.
   */
  seals?: DocumentSeals;
  /**
   * The log's current signed head: what a sealed document (a funder's statement) cites as the state its figures come
   * from. Absent for a store that does not sign.
   */
  signedHead?(): Promise<SignedTreeHead | undefined>;
  /** True when the store answers (for health checks). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DocumentSeals {
  /** A seal over `digest` (hex), for `purpose` only (« ledger-snapshot »): a seal for one purpose proves nothing for another. */
  seal(purpose: string, digest: string): string;
  check(purpose: string, digest: string, seal: string): boolean;
  /** The key's public half, as a verifier needs it with no server. */
  publicKey: { keyId: string; pem: string };
}

/** One append is one transaction: an import of a whole data set is one append (all or nothing), hence this much. */
export const MAX_APPEND_EVENTS = 10_000;
/**
 * The largest event (data and metadata, canonical JSON): 256 KiB. Kafka's topics are created to take messages
 * of up to 1 MiB (max.message.bytes), so an event the store accepts, in its envelope, can always be published.
 */
export const MAX_EVENT_BYTES = 256 * 1024;
export const MAX_READ_COUNT = 10_000;

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number,
  ) {
    super(`Conflit de version sur ${streamId} : attendu ${describeExpected(expected)}, actuel ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** A tag condition failed: an event appended after the decision's revision concerns the same thing. */
export class TagConflictError extends WrongExpectedRevisionError {
  constructor(
    streamId: string,
    expected: TagCondition,
    actual: number,
    /** The first newer event found that shares a tag, and the tag. */
    readonly conflicting: { revision: number; tag: string },
  ) {
    super(streamId, expected, actual);
    this.message = `Conflit sur ${streamId} : l’événement ${conflicting.revision} concerne aussi « ${conflicting.tag} », écrit après la version ${expected.after} sur laquelle la décision a été prise`;
    this.name = 'TagConflictError';
  }
}

export class EventIdConflictError extends Error {
  constructor(
    readonly eventIds: string[],
    detail: string,
  ) {
    super(`Identifiant d’événement déjà utilisé (${eventIds.join(', ')}) : ${detail}`);
    this.name = 'EventIdConflictError';
  }
}

export class InvalidAppendError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field} : ${detail}`);
    this.name = 'InvalidAppendError';
  }
}
