import { validateAppend } from '../append-validation';
import { chainHash, GENESIS_HASH } from '../canonical-json';
import {
  EventIdConflictError,
  MAX_READ_COUNT,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type GlobalCheckpoint,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type VerifyOptions,
  type VerifyReport,
} from '../event-store.port';
import { sqlErrorCode, UNIQUE_VIOLATION, type SqlClient, type SqlExecutor } from './sql-client';
import { verifyStreams } from '../verify';

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
}

// Selected as text (bigint and xid8 exceed JS numbers). ORDER BY must name e.<column>: the bare names are these
// text aliases, which would sort « 10 » before « 2 ».
const EVENT_COLUMNS = `e.position::text AS position, e.transaction_id::text AS transaction_id, e.stream_id, e.revision::text AS revision,
  e.event_id, e.type, e.schema_version, e.data, e.metadata, e.recorded_at, e.hash`;

const MAX_ANY_RETRIES = 20;

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
  };
}

export interface SqlEventStoreOptions {
  /** Clock for recordedAt; tests may fix it. */
  now?: () => Date;
}

/**
 * The event store on PostgreSQL or PGlite (same SQL). Optimistic concurrency is a conditional update of the
 * stream's revision; global order follows (transaction id, position) below the snapshot's xmin.
 */
export class SqlEventStore implements EventStore {
  private readonly now: () => Date;

  constructor(
    readonly client: SqlClient,
    options: SqlEventStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.client.transaction((tx) => this.appendInTransaction(tx, streamId, events, expected));
      } catch (error) {
        if (sqlErrorCode(error) === UNIQUE_VIOLATION || error instanceof WrongExpectedRevisionError) {
          const replay = await this.findReplay(this.client, streamId, events);
          if (replay) return replay;
          if (expected === 'any' && attempt < MAX_ANY_RETRIES) continue;
          if (error instanceof WrongExpectedRevisionError) throw error;
          throw new WrongExpectedRevisionError(streamId, expected, await this.streamRevision(streamId));
        }
        if (error instanceof RetryAny && attempt < MAX_ANY_RETRIES) continue;
        throw error;
      }
    }
  }

  private async appendInTransaction(tx: SqlExecutor, streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const replay = await this.findReplay(tx, streamId, events);
    if (replay) return replay;

    const head = await tx.query<{ revision: string; last_hash: string }>(
      'SELECT revision::text AS revision, last_hash FROM streams WHERE stream_id = $1',
      [streamId],
    );
    const current = head.rowCount > 0 ? Number(head.rows[0].revision) : -1;
    const previousHash = head.rowCount > 0 ? head.rows[0].last_hash : GENESIS_HASH;
    checkExpected(streamId, expected, current);

    const recordedAt = this.now().toISOString();
    let hash = previousHash;
    const rows = events.map((event, index) => {
      const revision = current + 1 + index;
      const metadata = event.metadata ?? {};
      hash = chainHash(hash, { streamId, revision, eventId: event.eventId, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata, recordedAt });
      return { event, revision, metadata, hash };
    });
    const newRevision = current + events.length;

    if (current === -1) {
      const created = await tx.query(
        'INSERT INTO streams (stream_id, revision, last_hash) VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO NOTHING',
        [streamId, newRevision, hash],
      );
      if (created.rowCount === 0) this.conflict(streamId, expected, current);
    } else {
      const updated = await tx.query(
        'UPDATE streams SET revision = $2, last_hash = $3, updated_at = now() WHERE stream_id = $1 AND revision = $4',
        [streamId, newRevision, hash, current],
      );
      if (updated.rowCount === 0) this.conflict(streamId, expected, current);
    }

    const inserted = await tx.query<EventRow>(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash)
       SELECT $1, r.revision, r.event_id, r.type, r.schema_version, r.data, r.metadata, $2, r.hash
       FROM jsonb_to_recordset($3::jsonb) AS r(revision bigint, event_id text, type text, schema_version integer, data jsonb, metadata jsonb, hash text)
       RETURNING position::text AS position, transaction_id::text AS transaction_id, stream_id, revision::text AS revision,
         event_id, type, schema_version, data, metadata, recorded_at, hash`,
      [
        streamId,
        recordedAt,
        JSON.stringify(
          rows.map(({ event, revision, metadata, hash: eventHash }) => ({
            revision,
            event_id: event.eventId,
            type: event.type,
            schema_version: event.schemaVersion,
            data: event.data,
            metadata,
            hash: eventHash,
          })),
        ),
      ],
    );
    const recorded = inserted.rows.map(toRecorded).sort((a, b) => a.revision - b.revision);
    return { streamId, revision: newRevision, events: recorded, idempotentReplay: false };
  }

  /** Lost a race: for 'any' the caller retries from a fresh read; otherwise it is a conflict. */
  private conflict(streamId: string, expected: ExpectedRevision, seen: number): never {
    if (expected === 'any') throw new RetryAny();
    throw new WrongExpectedRevisionError(streamId, expected, seen + 1);
  }

  /** When the events' ids are already stored, the append is a retry: return what the first one stored. */
  private async findReplay(db: SqlExecutor, streamId: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
    const ids = events.map((event) => event.eventId);
    const found = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.event_id = ANY($1::text[]) ORDER BY e.revision`, [ids]);
    if (found.rowCount === 0) return undefined;
    const stored = found.rows.map(toRecorded);
    if (found.rowCount !== ids.length || stored.some((event) => event.streamId !== streamId)) {
      throw new EventIdConflictError(stored.map((event) => event.eventId), 'une partie du lot, ou un autre flux, les porte déjà');
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

  async streamRevision(streamId: string): Promise<number> {
    const result = await this.client.query<{ revision: string }>('SELECT revision::text AS revision FROM streams WHERE stream_id = $1', [streamId]);
    return result.rowCount > 0 ? Number(result.rows[0].revision) : -1;
  }

  async readAll(after: GlobalCheckpoint, maxCount: number): Promise<RecordedEvent[]> {
    const limit = Math.max(1, Math.min(maxCount, MAX_READ_COUNT));
    const result = await this.client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events e
       WHERE (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint)
         AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.transaction_id, e.position
       LIMIT $3`,
      [after.commit.toString(), after.position.toString(), limit],
    );
    return result.rows.map(toRecorded);
  }

  async verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    return verifyStreams(
      async (afterStream, limit) => {
        const result = await this.client.query<{ stream_id: string; revision: string; last_hash: string }>(
          'SELECT stream_id, revision::text AS revision, last_hash FROM streams WHERE stream_id > $1 ORDER BY stream_id LIMIT $2',
          [afterStream, limit],
        );
        return result.rows.map((row) => ({ streamId: row.stream_id, revision: Number(row.revision), lastHash: row.last_hash }));
      },
      (streamId, fromRevision, limit) => this.readStream(streamId, { fromRevision, maxCount: limit }),
      options,
    );
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
    await this.client.close();
  }
}

class RetryAny extends Error {}

function checkExpected(streamId: string, expected: ExpectedRevision, current: number): void {
  if (expected === 'any') return;
  if (expected === 'no_stream' && current !== -1) throw new WrongExpectedRevisionError(streamId, expected, current);
  if (expected === 'stream_exists' && current === -1) throw new WrongExpectedRevisionError(streamId, expected, current);
  if (typeof expected === 'number' && expected !== current) throw new WrongExpectedRevisionError(streamId, expected, current);
}
