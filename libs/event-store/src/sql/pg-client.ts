import { Pool, type PoolConfig } from 'pg';
import type { SqlClient, SqlExecutor, SqlResult } from './sql-client';

export interface PgClientOptions {
  connectionString: string;
  /** Schema holding the tables (created if missing); lets tests and tenants share one database. */
  schema?: string;
  maxConnections?: number;
  applicationName?: string;
}

export function isSafeIdentifier(name: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(name);
}

/** PostgreSQL through a `pg` pool. */
export class PgSqlClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;

  constructor(options: PgClientOptions) {
    const schema = options.schema ?? 'public';
    if (!isSafeIdentifier(schema)) throw new Error(`nom de schéma invalide : ${schema}`);
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      application_name: options.applicationName ?? 'cvl',
      options: `-c search_path=${schema},public`,
      connectionTimeoutMillis: 10_000,
    };
    this.pool = new Pool(config);
    this.pool.on('error', () => undefined);
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<SqlResult<Row>> {
    const result = await this.pool.query(sql, params);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const executor: SqlExecutor = {
        query: async <Row>(sql: string, params: unknown[] = []) => {
          const result = await client.query(sql, params);
          return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
        },
      };
      const value = await work(executor);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
