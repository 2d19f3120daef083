/** The little of SQL the event store needs, so one adapter serves PostgreSQL (pg) and PGlite alike. */
export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<Row>>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `work` in one transaction (READ COMMITTED), committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs several statements at once (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  readonly dialect: 'postgres' | 'pglite';
}

/** SQL error codes worth recognising. */
export const UNIQUE_VIOLATION = '23505';

export function sqlErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/**
 * First statement of a transaction that writes only what the event log can give again (a projection with the
 * revision it reached, a relay's publication before its checkpoint): its commit does not wait for the disk. If the
 * database server itself crashes, the last few milliseconds of such writes are lost together with the mark of how far
 * they went, and are derived again from the log, which is always committed synchronously — never a lost event, one
 * disk flush fewer per command. (A crash of the application loses nothing: the commit has reached the server.)
 */
export const DERIVED_COMMIT = 'SET LOCAL synchronous_commit = off';
