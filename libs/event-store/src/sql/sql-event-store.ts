import { checkExpected, validateAppend } from '../append-validation';
import { chainHash, GENESIS_HASH } from '../canonical-json';
import {
  EventIdConflictError,
  isTagCondition,
  MAX_READ_COUNT,
  WrongExpectedRevisionError,
  type AppendResult,
  type DocumentSeals,
  type EventStore,
  type ExpectedRevision,
  type GlobalCheckpoint,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type VerifyOptions,
  type VerifyReport,
} from '../event-store.port';
import { advisoryLockKey, sqlErrorCode, UNIQUE_VIOLATION, type SqlClient, type SqlExecutor } from './sql-client';
import { LogAudit, type AuditedEvent, type StreamHeadRow } from '../signed-log/log-audit';
import { SIGNED_APPEND_LOCK, SignedLog, type StateRow } from '../signed-log/signed-log';
import { verifyDocumentSeal, type SignedTreeHead } from '../signed-log/tree-head';

interface EventRow {
  position: string;
  transaction_id: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
  recorded_at: string;
  hash: string;
  leaf_index?: string | null;
  tags?: string[] | null;
}

// Selected as text (bigint and xid8 exceed JS numbers). ORDER BY must name e.<column>: the bare names are these
// text aliases, which would sort « 10 » before « 2 ».
const EVENT_COLUMNS = `e.position::text AS position, e.transaction_id::text AS transaction_id, e.stream_id, e.revision::text AS revision,
  e.event_id, e.type, e.schema_version, e.data, e.metadata, e.recorded_at, e.hash, e.leaf_index::text AS leaf_index, e.tags`;

const VERIFY_PAGE = 1_000;

const MAX_ANY_RETRIES = 20;
const MAX_KNOWN_HEADS = 10_000;
/** cvl_append's refusals (004_append_function.sql): the base moved, nothing written. */
const BASE_MOVED = new Set(['CVL01', 'CVL02', 'CVL03']);

interface Appended {
  result: AppendResult;
  committed: () => void;
  lastHash: string;
}

interface ChainedRow {
  event: NewEvent;
  revision: number;
  metadata: NewEvent['metadata'] & object;
  hash: string;
  tags: string[] | null;
}

/** The events' revisions and hashes, each chained to the one before, from the stream's head. */
function chainEvents(
  streamId: string,
  events: readonly NewEvent[],
  current: number,
  previousHash: string,
  recordedAt: string,
): { rows: ChainedRow[]; revision: number; lastHash: string } {
  let hash = previousHash;
  const rows = events.map((event, index) => {
    const revision = current + 1 + index;
    const metadata = event.metadata ?? {};
    const tags = event.tags && event.tags.length > 0 ? [...event.tags] : null;
    hash = chainHash(hash, {
      streamId,
      revision,
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata,
      recordedAt,
      tags: tags ?? undefined,
    });
    return { event, revision, metadata, hash, tags };
  });
  return { rows, revision: current + events.length, lastHash: hash };
}

/** The rows as the write takes them (jsonb_to_recordset). */
function eventsJson(rows: readonly ChainedRow[], placed?: { leafIndexes: number[] }): string {
  return JSON.stringify(
    rows.map(({ event, revision, metadata, hash, tags }, index) => ({
      revision,
      event_id: event.eventId,
      type: event.type,
      schema_version: event.schemaVersion,
      data: event.data,
      metadata,
      hash,
      leaf_index: placed ? placed.leafIndexes[index] : null,
      tags,
    })),
  );
}

function toAudited(row: EventRow): AuditedEvent {
  const { checkpoint: _checkpoint, ...event } = toRecorded(row);
  return {
    ...event,
    leafIndex: row.leaf_index === null || row.leaf_index === undefined ? null : Number(row.leaf_index),
  };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: Number(row.revision),
    eventId: row.event_id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    hash: row.hash,
    checkpoint: { commit: BigInt(row.transaction_id), position: BigInt(row.position) },
    ...(row.tags && row.tags.length > 0 ? { tags: row.tags } : {}),
  };
}

export interface SqlEventStoreOptions {
  /** Clock for recordedAt; tests may fix it. */
  now?: () => Date;
  /** Signs every append (openSqlEventStore always gives one). Without it: hash chains only, as KurrentDB. */
  signedLog?: SignedLog;
}

/**
 * The event store on PostgreSQL or PGlite (same SQL). Optimistic concurrency is a conditional update of the
 * stream's revision; global order follows (transaction id, position) below the snapshot's xmin.
 */
export class SqlEventStore implements EventStore {
  private readonly now: () => Date;
  readonly signedLog?: SignedLog;
  private initialised?: Promise<void>;
  private readonly appendListeners = new Set<() => void>();
  /** The head (revision, last hash) of each stream this process appended to last: what the next append builds on. */
  private readonly knownHeads = new Map<string, { revision: number; hash: string }>();
  private stopListening?: () => void;

  readonly seals?: DocumentSeals;

  constructor(
    readonly client: SqlClient,
    options: SqlEventStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.signedLog = options.signedLog;
    const key = options.signedLog?.config.key;
    if (key)
      this.seals = {
        seal: (purpose, digest) => key.sealDocument(purpose, digest),
        check: (purpose, digest, seal) => verifyDocumentSeal(purpose, digest, seal, key.publicKey),
        publicKey: { keyId: key.keyId, pem: key.publicKeyPem() },
      };
  }

  /** Checks the signed log (and signs the first head of a store older than signing) before the first write. */
  ready(): Promise<void> {
    if (!this.signedLog) return Promise.resolve();
    const signedLog = this.signedLog;
    this.initialised ??= signedLog.initialise(this.client, this.now).catch((error: unknown) => {
      this.initialised = undefined;
      throw error;
    });
    return this.initialised;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    await this.ready();
    for (let attempt = 0; ; attempt++) {
      try {
        const known = attempt === 0 ? this.knownBase(streamId, expected) : undefined;
        const { result, committed, lastHash } =
          (known && (await this.appendOnKnownBase(streamId, events, expected, known))) ||
          (await this.client.transaction((tx) => this.appendInTransaction(tx, streamId, events, expected), {
            advisoryLock: this.appendLock(streamId, expected),
          }));
        committed();
        this.rememberHead(streamId, { revision: result.revision, hash: lastHash });
        for (const listener of this.appendListeners) listener();
        return result;
      } catch (error) {
        this.knownHeads.delete(streamId);
        if (sqlErrorCode(error) === UNIQUE_VIOLATION || error instanceof WrongExpectedRevisionError) {
          const replay = await this.findReplay(streamId, events);
          if (replay) return replay;
          // Two writers creating the same stream: 'any' and a tag condition try again on the stream as it now is.
          const lostCreation = sqlErrorCode(error) === UNIQUE_VIOLATION && isTagCondition(expected);
          if ((expected === 'any' || lostCreation) && attempt < MAX_ANY_RETRIES) continue;
          if (error instanceof WrongExpectedRevisionError) throw error;
          throw new WrongExpectedRevisionError(streamId, expected, await this.streamRevision(streamId));
        }
        if (error instanceof RetryAny && attempt < MAX_ANY_RETRIES) continue;
        throw error;
      }
    }
  }

  /**
   * What an append can build on without reading: a new stream, or one whose head this process committed last
   * (and, signed, the log's state it committed last). Checked by the database as it writes (cvl_append).
   */
  private knownBase(
    streamId: string,
    expected: ExpectedRevision,
  ): { current: number; previousHash: string; state?: StateRow } | undefined {
    const state = this.signedLog?.trustedState();
    if (this.signedLog && !state) return undefined;
    const base = expected === 'no_stream' ? { revision: -1, hash: GENESIS_HASH } : this.knownHeads.get(streamId);
    if (!base) return undefined;
    const usable = isTagCondition(expected)
      ? expected.after <= base.revision
      : expected === 'any' || expected === 'stream_exists' || expected === base.revision || expected === 'no_stream';
    return usable ? { current: base.revision, previousHash: base.hash, state } : undefined;
  }

  /** Bounded: the streams this process wrote last (an aggregate's, the ledger's). */
  private rememberHead(streamId: string, head: { revision: number; hash: string }): void {
    this.knownHeads.delete(streamId);
    this.knownHeads.set(streamId, head);
    if (this.knownHeads.size > MAX_KNOWN_HEADS) this.knownHeads.delete(this.knownHeads.keys().next().value as string);
  }

  /**
   * One round trip: cvl_append checks, under the append lock, that the base is still so and writes. When it is not
   * (another process appended, a tag conflicts, the log's row changed), nothing is written and the append goes
   * the way that reads first: undefined.
   */
  private async appendOnKnownBase(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    known: { current: number; previousHash: string; state?: StateRow },
  ): Promise<Appended | undefined> {
    const condition = isTagCondition(expected) ? expected : undefined;
    const recordedAt = this.now().toISOString();
    const chained = chainEvents(streamId, events, known.current, known.previousHash, recordedAt);
    const placed =
      known.state && this.signedLog
        ? this.signedLog.place(
            known.state,
            chained.rows.map((row) => row.hash),
            recordedAt,
          )
        : undefined;
    const lock = this.appendLock(streamId, expected);
    try {
      const inserted = await this.client.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM cvl_append($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11::jsonb, $12::jsonb, $13::jsonb, $14::jsonb) AS e`,
        [
          lock === undefined ? null : lock.toString(),
          streamId,
          known.current,
          known.previousHash,
          chained.revision,
          chained.lastHash,
          recordedAt,
          eventsJson(chained.rows, placed),
          condition ? condition.after : null,
          condition ? [...condition.tags] : null,
          known.state ? JSON.stringify(known.state.head) : null,
          known.state ? JSON.stringify(known.state.frontier) : null,
          placed ? JSON.stringify(placed.head) : null,
          placed ? JSON.stringify(placed.frontier) : null,
        ],
      );
      return {
        result: this.appended(streamId, chained.revision, inserted.rows),
        committed: placed?.committed ?? (() => undefined),
        lastHash: chained.lastHash,
      };
    } catch (error) {
      if (BASE_MOVED.has(sqlErrorCode(error) ?? '')) return undefined;
      throw error;
    }
  }

  /**
   * A signed store: one append at a time (the tree grows in order), which also orders every stream. Unsigned, a
   * tag condition waits its turn on its stream. Advisory locks, taken with BEGIN, before any write (see
   * SIGNED_APPEND_LOCK).
   */
  private appendLock(streamId: string, expected: ExpectedRevision): bigint | undefined {
    if (this.signedLog) return BigInt(SIGNED_APPEND_LOCK);
    return isTagCondition(expected) ? advisoryLockKey(`stream:${streamId}`) : undefined;
  }

  /**
   * One append in four round trips whatever its size: BEGIN with the lock; one read (the stream's head, the signed
   * log's state, the first newer event sharing a tag); one write (the stream's head, the log's head, the events);
   * COMMIT. An event id already stored fails the write on its unique index, and the caller finds the first
   * append's result.
   */
  private async appendInTransaction(
    tx: SqlExecutor,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<Appended> {
    const signedLog = this.signedLog;
    const condition = isTagCondition(expected) ? expected : undefined;
    const read = await tx.query<{
      revision: string | null;
      last_hash: string | null;
      head: StateRow['head'] | null;
      frontier: string[] | null;
      conflict_revision: string | null;
      conflict_tags: string[] | null;
    }>(
      `SELECT s.revision::text AS revision, s.last_hash, ${signedLog ? 'l.head, l.frontier' : 'NULL::jsonb AS head, NULL::jsonb AS frontier'},
         c.revision::text AS conflict_revision, c.tags AS conflict_tags
       FROM (SELECT 1) AS one
       LEFT JOIN streams s ON s.stream_id = $1
       ${signedLog ? 'LEFT JOIN signed_log_state l ON l.singleton' : ''}
       LEFT JOIN LATERAL (
         SELECT e.revision, e.tags FROM events e
         WHERE $2::bigint IS NOT NULL AND e.stream_id = $1 AND e.revision > $2::bigint AND e.tags && $3::text[]
         ORDER BY e.revision LIMIT 1
       ) AS c ON true`,
      [streamId, condition ? condition.after : null, condition ? [...condition.tags] : []],
    );
    const found = read.rows[0];
    const current = found.revision === null ? -1 : Number(found.revision);
    const previousHash = found.last_hash ?? GENESIS_HASH;
    checkExpected(
      streamId,
      expected,
      current,
      found.conflict_revision === null
        ? []
        : [{ revision: Number(found.conflict_revision), tags: found.conflict_tags ?? [] }],
    );

    const recordedAt = this.now().toISOString();
    const chained = chainEvents(streamId, events, current, previousHash, recordedAt);
    const placed = signedLog
      ? signedLog.place(
          found.head && found.frontier ? { head: found.head, frontier: found.frontier } : undefined,
          chained.rows.map((row) => row.hash),
          recordedAt,
        )
      : undefined;

    // The stream's row moves only from the revision read (a writer without the lock may have moved it: then no
    // event is inserted, and the append is a conflict). Data-modifying CTEs all run, once each.
    const inserted = await tx.query<EventRow>(
      `WITH moved AS (
         INSERT INTO streams (stream_id, revision, last_hash) VALUES ($1, $4, $5)
         ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash, updated_at = now()
           WHERE streams.revision = $6::bigint
         RETURNING 1
       )${
         placed
           ? `, signed AS (UPDATE signed_log_state SET head = $7::jsonb, frontier = $8::jsonb WHERE singleton RETURNING 1),
       signed_heads AS (INSERT INTO signed_tree_heads (sequence, tree_size, head) VALUES ($9, $10, $7::jsonb) RETURNING 1)`
           : ''
       }
       INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash, leaf_index, tags)
       SELECT $1, r.revision, r.event_id, r.type, r.schema_version, r.data, r.metadata, $2, r.hash, r.leaf_index, r.tags
       FROM jsonb_to_recordset($3::jsonb) AS r(revision bigint, event_id text, type text, schema_version integer, data jsonb, metadata jsonb, hash text, leaf_index bigint, tags text[])
       WHERE EXISTS (SELECT 1 FROM moved)
       RETURNING position::text AS position, transaction_id::text AS transaction_id, stream_id, revision::text AS revision,
         event_id, type, schema_version, data, metadata, recorded_at, hash, tags`,
      [
        streamId,
        recordedAt,
        eventsJson(chained.rows, placed),
        chained.revision,
        chained.lastHash,
        // A new stream: no row to move from (-1 matches none, and the INSERT creates it).
        current,
        ...(placed
          ? [JSON.stringify(placed.head), JSON.stringify(placed.frontier), placed.head.sequence, placed.head.treeSize]
          : []),
      ],
    );
    if (inserted.rowCount === 0) this.conflict(streamId, expected, current);
    return {
      result: this.appended(streamId, chained.revision, inserted.rows),
      committed: placed?.committed ?? (() => undefined),
      lastHash: chained.lastHash,
    };
  }

  private appended(streamId: string, revision: number, rows: EventRow[]): AppendResult {
    return {
      streamId,
      revision,
      events: rows.map(toRecorded).sort((a, b) => a.revision - b.revision),
      idempotentReplay: false,
    };
  }

  /** Lost a race: for 'any' the caller retries from a fresh read; otherwise it is a conflict. */
  private conflict(streamId: string, expected: ExpectedRevision, seen: number): never {
    if (expected === 'any' || isTagCondition(expected)) throw new RetryAny();
    throw new WrongExpectedRevisionError(streamId, expected, seen + 1);
  }

  /** When the events' ids are already stored, the append is a retry: return what the first one stored. */
  private async findReplay(streamId: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
    const ids = events.map((event) => event.eventId);
    const stored = (await this.findEvents(ids)).sort((a, b) => a.revision - b.revision);
    if (stored.length === 0) return undefined;
    if (stored.length !== ids.length || stored.some((event) => event.streamId !== streamId)) {
      throw new EventIdConflictError(
        stored.map((event) => event.eventId),
        'une partie du lot, ou un autre flux, les porte déjà',
      );
    }
    return { streamId, revision: stored[stored.length - 1].revision, events: stored, idempotentReplay: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0;
    const limit = Math.min(options.maxCount ?? MAX_READ_COUNT, MAX_READ_COUNT);
    const result = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.stream_id = $1 AND e.revision >= $2 ORDER BY e.revision LIMIT $3`,
      [streamId, from, limit],
    );
    return result.rows.map(toRecorded);
  }

  async findEvents(eventIds: readonly string[]): Promise<RecordedEvent[]> {
    if (eventIds.length > MAX_READ_COUNT)
      throw new RangeError(`au plus ${MAX_READ_COUNT} identifiants d’événement par lecture`);
    if (eventIds.length === 0) return [];
    const found = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.event_id = ANY($1::text[])`,
      [[...eventIds]],
    );
    return found.rows.map(toRecorded);
  }

  async streamRevision(streamId: string): Promise<number> {
    const result = await this.client.query<{ revision: string }>(
      'SELECT revision::text AS revision FROM streams WHERE stream_id = $1',
      [streamId],
    );
    return result.rowCount > 0 ? Number(result.rows[0].revision) : -1;
  }

  /**
   * On a signed store, only events the suite placed in its signed log: a row inserted by SQL is never relayed to the
   * other services nor followed by a subscription (verify names it).
   */
  async readAll(after: GlobalCheckpoint, maxCount: number): Promise<RecordedEvent[]> {
    const limit = Math.max(1, Math.min(maxCount, MAX_READ_COUNT));
    const result = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events e
       WHERE (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint)
         AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ${this.signedLog ? 'AND e.leaf_index IS NOT NULL' : ''}
       ORDER BY e.transaction_id, e.position
       LIMIT $3`,
      [after.commit.toString(), after.position.toString(), limit],
    );
    return result.rows.map(toRecorded);
  }

  /**
   * Every event, in its place in the signed log, then those that have none; every chain and every signed head
   * (in the database and in the witness). Reports every problem, not the first.
   */
  async verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    const signedLog = this.signedLog;
    const heads = signedLog ? await this.signedHeads() : [];
    const witness = signedLog ? signedLog.witness.heads() : [];
    // A store from before signing, not yet opened by the suite since (no head here, none in the witness): its
    // chains are checked; its first head is signed when the suite next starts. Heads deleted from a store that had
    // some still show: the witness keeps them.
    const notYetSigned = signedLog !== undefined && heads.length === 0 && witness.length === 0;
    const audit = new LogAudit({
      mode: 'full',
      streamPrefix: options.streamPrefix,
      ...(signedLog && !notYetSigned
        ? {
            signed: {
              log: signedLog.log,
              publicKey: signedLog.publicKey,
              heads,
              witness,
              witnessLocation: signedLog.witness.location,
            },
          }
        : {}),
    });
    const walk = async (sql: string, key: (row: EventRow) => string, start: string) => {
      for (let after = start; ;) {
        const page = await this.client.query<EventRow>(sql, [after, VERIFY_PAGE]);
        for (const row of page.rows) audit.event(toAudited(row));
        options.onProgress?.(audit.progress());
        if (page.rows.length < VERIFY_PAGE) return;
        after = key(page.rows[page.rows.length - 1]);
      }
    };
    await walk(
      `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.leaf_index > $1::bigint ORDER BY e.leaf_index LIMIT $2`,
      (row) => String(row.leaf_index),
      '-1',
    );
    await walk(
      `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.leaf_index IS NULL AND e.position > $1::bigint ORDER BY e.position LIMIT $2`,
      (row) => row.position,
      '0',
    );
    const report = audit.finish(await this.streamHeads());
    if (notYetSigned && signedLog)
      report.signedLog = {
        log: signedLog.log,
        unsignedEvents: report.eventsChecked,
        witness: { location: signedLog.witness.location, heads: 0 },
        notYetSigned: true,
      };
    return report;
  }

  async countAfter(after: GlobalCheckpoint, streamPrefix: string): Promise<number> {
    const result = await this.client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM events e
       WHERE (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint) AND starts_with(e.stream_id, $3)`,
      [after.commit.toString(), after.position.toString(), streamPrefix],
    );
    return Number(result.rows[0].n);
  }

  /** Events in their signed order, strictly after leaf `afterLeaf`, at most `limit` (audit packs). */
  async readSigned(afterLeaf: number, limit: number): Promise<AuditedEvent[]> {
    const result = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events e WHERE e.leaf_index > $1::bigint ORDER BY e.leaf_index LIMIT $2`,
      [afterLeaf, Math.max(1, Math.min(limit, MAX_READ_COUNT))],
    );
    return result.rows.map(toAudited);
  }

  /** The current head, as the database keeps it (checked against the witness when the store opened). */
  async signedHead(): Promise<SignedTreeHead | undefined> {
    if (!this.signedLog) return undefined;
    await this.ready();
    const row = await this.client.query<{ head: SignedTreeHead }>('SELECT head FROM signed_log_state WHERE singleton');
    return row.rows[0]?.head;
  }

  /** The heads the database keeps, in order. */
  async signedHeads(): Promise<SignedTreeHead[]> {
    const heads: SignedTreeHead[] = [];
    for (let after = 0; ;) {
      const page = await this.client.query<{ head: SignedTreeHead }>(
        'SELECT head FROM signed_tree_heads WHERE sequence > $1 ORDER BY sequence LIMIT $2',
        [after, VERIFY_PAGE],
      );
      heads.push(...page.rows.map((row) => row.head));
      if (page.rows.length < VERIFY_PAGE) return heads;
      after = heads[heads.length - 1].sequence;
    }
  }

  private async streamHeads(): Promise<StreamHeadRow[]> {
    const rows: StreamHeadRow[] = [];
    for (let after = ''; ;) {
      const page = await this.client.query<{ stream_id: string; revision: string; last_hash: string }>(
        'SELECT stream_id, revision::text AS revision, last_hash FROM streams WHERE stream_id > $1 ORDER BY stream_id LIMIT $2',
        [after, VERIFY_PAGE],
      );
      rows.push(
        ...page.rows.map((row) => ({
          streamId: row.stream_id,
          revision: Number(row.revision),
          lastHash: row.last_hash,
        })),
      );
      if (page.rows.length < VERIFY_PAGE) return rows;
      after = rows[rows.length - 1].streamId;
    }
  }

  /** This process's appends as they commit; other processes' through the database's notifications, when it has them. */
  onAppended(listener: () => void): () => void {
    this.appendListeners.add(listener);
    this.stopListening ??= this.client.listen?.('cvl_appended', () => {
      for (const each of this.appendListeners) each();
    });
    return () => {
      this.appendListeners.delete(listener);
      if (this.appendListeners.size === 0) {
        this.stopListening?.();
        this.stopListening = undefined;
      }
    };
  }

  async ping(): Promise<boolean> {
    try {
      await this.client.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.stopListening?.();
    this.signedLog?.close();
    await this.client.close();
  }
}

class RetryAny extends Error {}
