import { createHash } from 'node:crypto';

/** The little of SQL the event store needs, so one adapter serves PostgreSQL (pg) and PGlite alike. */
export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<Row>>;
}

/**
 * What a transaction does before its work, sent with its BEGIN (one round trip, not one each). Typed values, not
 * SQL text: nothing a caller passes is ever spliced into a statement unchecked.
 */
export interface TransactionOptions {
  /** Its commit does not wait for the disk (DERIVED_COMMIT below): only for what the event log gives again. */
  derivedCommit?: boolean;
  /** A transaction-level advisory lock, taken before any statement of the work (see advisoryLockKey). */
  advisoryLock?: bigint;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `work` in one transaction (READ COMMITTED), committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs several statements at once (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Calls `onNotify` at each notification on `channel` followed by « _ » and the client's schema (left to 63
   * characters), from any process, until the returned function is called or the client closed. Absent where
   * there is no other process to hear from (PGlite is in-process).
   */
  listen?(channel: string, onNotify: () => void): () => void;
  close(): Promise<void>;
  readonly dialect: 'postgres' | 'pglite';
  /** The connection pool's state, for the operators' metrics (absent where there is no pool: PGlite). */
  poolStats?(): { total: number; idle: number; waiting: number; max: number };
}

/** SQL error codes worth recognising. */
export const UNIQUE_VIOLATION = '23505';

export function sqlErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/**
 * Run with BEGIN by a transaction that writes only what the event log can give again (a projection with the
 * revision it reached, a relay's publication before its checkpoint): its commit does not wait for the disk. If the
 * database server itself crashes, the last few milliseconds of such writes are lost together with the mark of how far
 * they went, and are derived again from the log, which is always committed synchronously — never a lost event, one
 * disk flush fewer per command. (A crash of the application loses nothing: the commit has reached the server.)
 */
const DERIVED_COMMIT = 'SET LOCAL synchronous_commit = off';

/**
 * The same for a statement that is its own transaction (no BEGIN, one round trip): this expression, evaluated by
 * the statement (a CTE it reads from), sets synchronous_commit for the transaction, whose commit then follows it.
 */
export const DERIVED_COMMIT_EXPRESSION = "set_config('synchronous_commit', 'off', true)";

/**
 * The statement run with BEGIN for these options ('' when none). The lock's key is checked to be a signed 64-bit
 * integer before it is written into the statement.
 */
export function openingStatements(options: TransactionOptions = {}): string {
  const statements: string[] = [];
  if (options.derivedCommit) statements.push(DERIVED_COMMIT);
  if (options.advisoryLock !== undefined) {
    const key = options.advisoryLock;
    if (typeof key !== 'bigint' || key < -(2n ** 63n) || key >= 2n ** 63n)
      throw new RangeError(`clé de verrou consultatif invalide : ${String(key)}`);
    statements.push(`SELECT pg_advisory_xact_lock(${key.toString()})`);
  }
  return statements.join('; ');
}

/** A stable 64-bit advisory lock key for a name (a stream), the same in every process. */
export function advisoryLockKey(name: string): bigint {
  return createHash('sha256').update(name).digest().readBigInt64BE(0);
}
