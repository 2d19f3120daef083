import { join } from 'node:path';
import { loadMigrations, migrate, type SqlClient } from '@cvl/event-store';

export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type Reservation =
  | { outcome: 'reserved' }
  | { outcome: 'in-progress' }
  | { outcome: 'done'; fingerprint: string; response: StoredResponse };

/** Where command responses are kept per (principal, Idempotency-Key). */
export interface IdempotencyStore {
  reserve(principal: string, key: string, fingerprint: string): Promise<Reservation>;
  complete(principal: string, key: string, response: StoredResponse): Promise<void>;
  release(principal: string, key: string): Promise<void>;
}

export async function migratePlatform(client: SqlClient): Promise<void> {
  await migrate(client, loadMigrations(join(__dirname, 'migrations')), 'platform');
}

/**
 * A key « in progress » for longer than this was left by a request that will never finish (its process died, or
 * its release failed with the database): the next request with it takes it over. Commands derive their event ids
 * from the key, so even a first request still running would not be applied twice.
 */
export const IN_PROGRESS_EXPIRY_SECONDS = 30;

export class SqlIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: SqlClient,
    private readonly inProgressExpirySeconds = IN_PROGRESS_EXPIRY_SECONDS,
  ) {}

  async reserve(principal: string, key: string, fingerprint: string): Promise<Reservation> {
    const inserted = await this.db.query(
      `INSERT INTO idempotency_keys (principal, idempotency_key, fingerprint, state) VALUES ($1, $2, $3, 'in-progress')
       ON CONFLICT (principal, idempotency_key) DO NOTHING`,
      [principal, key, fingerprint],
    );
    if (inserted.rowCount === 1) return { outcome: 'reserved' };
    const found = await this.db.query<{
      fingerprint: string;
      state: string;
      status: number;
      body: string;
      headers: Record<string, string>;
    }>(
      'SELECT fingerprint, state, status, body, headers FROM idempotency_keys WHERE principal = $1 AND idempotency_key = $2',
      [principal, key],
    );
    const row = found.rows[0];
    if (!row) return this.reserve(principal, key, fingerprint);
    if (row.state !== 'done') {
      const takenOver = await this.db.query(
        `UPDATE idempotency_keys SET fingerprint = $3, created_at = now()
         WHERE principal = $1 AND idempotency_key = $2 AND state = 'in-progress' AND created_at < now() - make_interval(secs => $4)`,
        [principal, key, fingerprint, this.inProgressExpirySeconds],
      );
      return takenOver.rowCount === 1 ? { outcome: 'reserved' } : { outcome: 'in-progress' };
    }
    return {
      outcome: 'done',
      fingerprint: row.fingerprint,
      response: { status: row.status, body: row.body, headers: row.headers ?? {} },
    };
  }

  async complete(principal: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'done', status = $3, body = $4, headers = $5::jsonb WHERE principal = $1 AND idempotency_key = $2`,
      [principal, key, response.status, response.body, JSON.stringify(response.headers)],
    );
  }

  async release(principal: string, key: string): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE principal = $1 AND idempotency_key = $2 AND state = 'in-progress'`,
      [principal, key],
    );
  }
}
