import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import {
  openingStatements,
  type SqlClient,
  type SqlExecutor,
  type SqlResult,
  type TransactionOptions,
} from './sql-client';
import { isSafeIdentifier } from './pg-client';
import { acquireDataDirLock } from './data-dir-lock';

export interface PgliteClientOptions {
  /** A folder for a file-backed database; omitted: in memory. */
  dataDir?: string;
  schema?: string;
  /** Who opens it, for the lock's refusal (« npm start », « cvl import »). */
  owner?: string;
}

/** PostgreSQL compiled to WebAssembly, in process: the embedded default when DATABASE_URL is not set. */
export class PgliteSqlClient implements SqlClient {
  readonly dialect = 'pglite' as const;
  private constructor(
    private readonly db: PGlite,
    private readonly lock?: { release: () => void },
  ) {}

  static async open(options: PgliteClientOptions = {}): Promise<PgliteSqlClient> {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const lock = options.dataDir
      ? acquireDataDirLock(options.dataDir, options.owner ?? 'un processus de la suite')
      : undefined;
    let db: PGlite;
    try {
      db = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
      await db.waitReady;
    } catch (error) {
      lock?.release();
      throw error;
    }
    const schema = options.schema ?? 'public';
    if (!isSafeIdentifier(schema)) throw new Error(`nom de schéma invalide : ${schema}`);
    if (schema !== 'public') {
      await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path = ${schema}, public;`);
    }
    return new PgliteSqlClient(db, lock);
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<SqlResult<Row>> {
    return toSqlResult(await this.db.query<Row>(sql, params));
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const opening = openingStatements(options);
    return this.db.transaction(async (tx) => {
      if (opening) await tx.exec(opening);
      return work({
        query: async <Row>(sql: string, params: unknown[] = []) => {
          return toSqlResult(await tx.query<Row>(sql, params));
        },
      });
    });
  }

  async close(): Promise<void> {
    try {
      await this.db.close();
    } finally {
      this.lock?.release();
    }
  }
}

/** PGlite reports affectedRows 0 for a SELECT: a statement that returns columns counts its rows. */
function toSqlResult<Row>(result: { rows: Row[]; fields: unknown[]; affectedRows?: number }): SqlResult<Row> {
  return { rows: result.rows, rowCount: result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
}
