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
