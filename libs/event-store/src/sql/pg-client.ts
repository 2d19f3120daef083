import { randomUUID } from 'node:crypto';
import { Client, Pool, type PoolClient, type PoolConfig } from 'pg';
import {
  openingStatements,
  type SqlClient,
  type SqlExecutor,
  type SqlResult,
  type TransactionOptions,
} from './sql-client';

export interface PgClientOptions {
  connectionString: string;
  /** Schema holding the tables (created if missing); lets tests and tenants share one database. */
  schema?: string;
  maxConnections?: number;
  applicationName?: string;
  /** Told of connection errors the pool recovers from (a connection terminated by the server, a network cut). */
  onConnectionError?: (error: Error) => void;
}

/** SQLSTATE and socket codes of a connection that is gone (not of a statement that failed). */
const CONNECTION_LOST = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);

export function isConnectionLost(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && CONNECTION_LOST.has(code)) return true;
  return /Connection terminated|connection is not open|Client has encountered a connection error/i.test(
    String((error as Error | undefined)?.message ?? ''),
  );
}

/** The database cannot be reached for now: the HTTP edge answers 503, loops retry. */
export class DatabaseUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`Base de données momentanément injoignable : ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Attempts at getting a connection (a restarting server, a failover): 4, 250 ms to 2 s apart. */
const CONNECT_ATTEMPTS = 4;

/**
 * The server ended the session (pg_terminate_backend, a shutdown, a failover): whatever the session was doing was
 * rolled back, never committed, so the statement or transaction can run again, on a new connection. A socket cut
 * is different — a COMMIT may have landed before it — and is not retried.
 */
const SESSION_ENDED_BY_SERVER = new Set(['57P01', '57P02', '57P03']);
const RERUN_ATTEMPTS = 3;

function endedByServer(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && SESSION_ENDED_BY_SERVER.has(code);
}

export function isSafeIdentifier(name: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(name);
}

/**
 * PostgreSQL through a `pg` pool. A dropped connection never crashes the process: idle and checked-out clients
 * have error listeners, a broken client is destroyed rather than returned to the pool, getting a connection is
 * retried (bounded), and a statement whose connection was lost fails as DatabaseUnavailableError — never retried
 * here, since it may have been applied: the callers' own idempotence (event ids, processed marks) makes retrying
 * them safe, and they do.
 */
export class PgSqlClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;
  private readonly onConnectionError: (error: Error) => void;
  private readonly config: PoolConfig;
  private readonly schema: string;
  private readonly listeners = new Set<() => void>();
  /** Names this client's sessions (`cvl.instance`): the notifications of its own writes are not news to it. */
  private readonly instance = randomUUID();

  constructor(options: PgClientOptions) {
    const schema = options.schema ?? 'public';
    if (!isSafeIdentifier(schema)) throw new Error(`nom de schéma invalide : ${schema}`);
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      application_name: options.applicationName ?? 'cvl',
      options: `-c search_path=${schema},public -c cvl.instance=${this.instance}`,
      connectionTimeoutMillis: 10_000,
    };
    this.config = config;
    this.schema = schema;
    this.pool = new Pool(config);
    this.onConnectionError = options.onConnectionError ?? (() => undefined);
    // An idle client whose connection the server ends: the pool drops it and makes another when needed.
    this.pool.on('error', (error) => this.onConnectionError(error));
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<SqlResult<Row>> {
    return this.withClient(async (client) => {
      const result = await client.query(sql, params);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    });
  }

  poolStats() {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
      max: this.config.max ?? 10,
    };
  }

  async exec(sql: string): Promise<void> {
    await this.query(sql);
  }

  /** A connection, with an error listener while it is out; destroyed, not reused, when its connection broke. */
  private async withClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.onceWithClient(use);
      } catch (error) {
        const cause = error instanceof DatabaseUnavailableError ? error.cause : error;
        if (attempt >= RERUN_ATTEMPTS || !endedByServer(cause)) throw error;
        this.onConnectionError(cause as Error);
      }
    }
  }

  private async onceWithClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let broken: Error | undefined;
    const listener = (error: Error) => {
      broken = error;
      this.onConnectionError(error);
    };
    client.on('error', listener);
    try {
      return await use(client);
    } catch (error) {
      if (isConnectionLost(error)) broken ??= error as Error;
      throw broken ? new DatabaseUnavailableError(error) : error;
    } finally {
      client.removeListener('error', listener);
      client.release(broken);
    }
  }

  private async connect(): Promise<PoolClient> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.connect();
      } catch (error) {
        if (attempt >= CONNECT_ATTEMPTS || !isConnectionLost(error))
          throw isConnectionLost(error) ? new DatabaseUnavailableError(error) : error;
        this.onConnectionError(error as Error);
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** (attempt - 1), 2_000)));
      }
    }
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T> {
    const opening = openingStatements(options);
    return this.withClient((client) => this.inTransaction(client, work, opening));
  }

  private async inTransaction<T>(
    client: PoolClient,
    work: (tx: SqlExecutor) => Promise<T>,
    opening: string,
  ): Promise<T> {
    // One simple query (no parameters): BEGIN and what the transaction does first, in one round trip.
    await client.query(opening ? `BEGIN; ${opening}` : 'BEGIN');
    try {
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
    }
  }

  /**
   * A connection of its own (a LISTEN holds its session), made again after a loss, 250 ms to 5 s apart, until
   * stopped: notifications sent while it was away are not replayed, which the followers' polling covers.
   */
  listen(channel: string, onNotify: () => void): () => void {
    const name = `${channel}_${this.schema}`.slice(0, 63);
    if (!isSafeIdentifier(name)) throw new Error(`nom de canal invalide : ${name}`);
    let stopped = false;
    let client: Client | undefined;
    const connect = async (attempt: number): Promise<void> => {
      if (stopped) return;
      const next = new Client(this.config);
      const retry = (error: Error) => {
        this.onConnectionError(error);
        next.removeAllListeners();
        void next.end().catch(() => undefined);
        if (client === next) client = undefined;
        if (!stopped)
          setTimeout(() => void connect(attempt + 1), Math.min(250 * 2 ** Math.min(attempt, 5), 5_000)).unref();
      };
      next.on('error', retry);
      next.on('notification', (message) => {
        if (message.payload !== this.instance) onNotify();
      });
      try {
        await next.connect();
        await next.query(`LISTEN "${name}"`);
        if (stopped) return void next.end().catch(() => undefined);
        client = next;
      } catch (error) {
        retry(error as Error);
      }
    };
    void connect(0);
    const stop = () => {
      stopped = true;
      this.listeners.delete(stop);
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners();
        current.on('error', () => undefined);
        void current.end().catch(() => undefined);
      }
    };
    this.listeners.add(stop);
    return stop;
  }

  async close(): Promise<void> {
    for (const stop of [...this.listeners]) stop();
    await this.pool.end();
  }
}
