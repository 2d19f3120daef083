import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import type { DocumentSeals, SqlClient } from '@cvl/event-store';
import { PersistentMap } from '@cvl/ledger';
import { SQL_CLIENT } from '@cvl/platform';
import type { CommitmentsState } from '../domain/state';
import { LedgerProjection } from './ledger-projection';

/**
 * The shape of CommitmentsState as encoded. Bump it whenever the state changes shape (a field added, renamed or
 * retyped): a snapshot of another format is passed over, and the ledger folds from the start once.
 */
export const SNAPSHOT_FORMAT = 2;
const PURPOSE = 'ledger-snapshot';
/** A snapshot is taken once this many events were folded since the last one (or since start-up). */
export const SNAPSHOT_EVERY_EVENTS = 10_000;
const NAME = 'commitments-ledger';

export interface Snapshot {
  revision: number;
  /** The hash of the stream's event at `revision`: ties the state to this very log. */
  eventHash: string;
  state: CommitmentsState;
}

/** Why a snapshot was passed over (said in the log of the service); undefined when none was kept. */
export type SnapshotRefusal = 'format' | 'seal' | 'unreadable';

/**
 * The state as JSON: bigint as { $n: digits }, a persistent map as { $m: entries in their order }; plain objects,
 * arrays, strings, numbers, booleans and null as such. Anything else (a Date, a Map, a class) throws: the state
 * holds none today, and one added later must get its encoding here, not be lost silently.
 */
export function encodeState(value: unknown): unknown {
  if (typeof value === 'bigint') return { $n: value.toString() };
  if (value instanceof PersistentMap)
    return {
      $m: [...(value as PersistentMap<unknown, unknown>).entries()].map(([key, item]) => [
        encodeState(key),
        encodeState(item),
      ]),
    };
  if (Array.isArray(value)) return value.map(encodeState);
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$n' || key === '$m') throw new Error(`instantané : clé réservée « ${key} » dans l’état`);
      if (item !== undefined) out[key] = encodeState(item);
    }
    return out;
  }
  throw new Error(
    `instantané : valeur sans encodage dans l’état (${typeof value === 'object' ? (value as object).constructor?.name : typeof value})`,
  );
}

export function decodeState(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeState);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$n === 'string') return BigInt(record.$n);
  if (Array.isArray(record.$m))
    return PersistentMap.from(
      (record.$m as Array<[unknown, unknown]>).map(([key, item]) => [decodeState(key), decodeState(item)] as const),
    );
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = decodeState(item);
  return out;
}

function digestOf(revision: number, eventHash: string, format: number, bytes: Buffer): string {
  return createHash('sha256').update(`${NAME}\n${revision}\n${eventHash}\n${format}\n`).update(bytes).digest('hex');
}

/** The ledger's snapshots in SQL (one row: the latest), sealed with the log's key. */
@Injectable()
export class LedgerSnapshots {
  /** Events folded between two snapshots (tests take them sooner). */
  everyEvents = SNAPSHOT_EVERY_EVENTS;

  // The projection's migrations create the table (one migration set for the ledger's SQL).
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly projection: LedgerProjection,
  ) {}

  /** Kept only if newer than the one there; returns its size in bytes. */
  async save(seals: DocumentSeals, snapshot: Snapshot): Promise<number> {
    await this.projection.init();
    const bytes = gzipSync(JSON.stringify(encodeState(snapshot.state)), { level: 1 });
    const seal = seals.seal(PURPOSE, digestOf(snapshot.revision, snapshot.eventHash, SNAPSHOT_FORMAT, bytes));
    await this.sql.query(
      `INSERT INTO ledger_snapshots (name, revision, event_hash, format, state, seal) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (name) DO UPDATE SET revision = EXCLUDED.revision, event_hash = EXCLUDED.event_hash, format = EXCLUDED.format,
         state = EXCLUDED.state, seal = EXCLUDED.seal, taken_at = now()
       WHERE ledger_snapshots.revision < EXCLUDED.revision`,
      [NAME, snapshot.revision, snapshot.eventHash, SNAPSHOT_FORMAT, bytes, seal],
    );
    return bytes.length;
  }

  /** The latest snapshot if its seal holds, in this format; else why it was passed over. */
  async load(seals: DocumentSeals): Promise<Snapshot | SnapshotRefusal | undefined> {
    await this.projection.init();
    const found = await this.sql.query<{
      revision: string;
      event_hash: string;
      format: number;
      state: Buffer | Uint8Array;
      seal: string;
    }>('SELECT revision::text AS revision, event_hash, format, state, seal FROM ledger_snapshots WHERE name = $1', [
      NAME,
    ]);
    const row = found.rows[0];
    if (!row) return undefined;
    if (Number(row.format) !== SNAPSHOT_FORMAT) return 'format';
    const bytes = Buffer.from(row.state);
    const revision = Number(row.revision);
    if (!seals.check(PURPOSE, digestOf(revision, row.event_hash, Number(row.format), bytes), row.seal)) return 'seal';
    try {
      return {
        revision,
        eventHash: row.event_hash,
        state: decodeState(JSON.parse(gunzipSync(bytes).toString('utf8'))) as CommitmentsState,
      };
    } catch {
      return 'unreadable';
    }
  }
}
