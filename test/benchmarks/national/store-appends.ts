// Appends side by side on one PostgreSQL: a raw INSERT of event-shaped rows (the floor), this store, Emmett's
// PostgreSQL event store (a well-kept peer), and this store on PGlite. Each in a schema of its own.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Client } from 'pg';
import { openSqlEventStore, type NewEvent } from '@cvl/event-store';
import { createTestSchema, testDatabaseUrl, uniqueName } from '@cvl/testing';
import { say } from './measure';

export interface AppendRates {
  /** Events per second, appends of one event, one after the other. */
  singleEventsPerSecond: number;
  /** Events per second, appends of 100 events. */
  batchEventsPerSecond: number;
}

export interface AppendFigures {
  raw: AppendRates;
  cvl: AppendRates;
  emmett: AppendRates;
  pglite: AppendRates;
}

const eventOf = (i: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'bench.commitment-recorded',
  schemaVersion: 1,
  data: {
    commitmentId: `c${i}`,
    funder: 'region',
    amount: '150000.00',
    attribution: { label: 'Réhabilitation thermique', year: 2016, scale: 'CALL' },
  },
  metadata: { actor: { subject: 'bench', organisation: 'cvl', roles: ['admin'] }, correlationId: randomUUID() },
});

async function rate(appends: number, perAppend: number, append: (index: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < appends; i++) await append(i);
  return Math.round((appends * perAppend * 1000) / (performance.now() - started));
}

async function rates(
  singles: number,
  batches: number,
  single: (i: number) => Promise<unknown>,
  batch: (i: number) => Promise<unknown>,
): Promise<AppendRates> {
  // A short warm-up (connections, plans, schema creation on first use) is not measured.
  for (let i = 0; i < 10; i++) await single(1_000_000 + i);
  return {
    singleEventsPerSecond: await rate(singles, 1, single),
    batchEventsPerSecond: await rate(batches, 100, batch),
  };
}

const RAW_TABLE = `CREATE TABLE raw_events (
  position bigserial PRIMARY KEY, stream_id text NOT NULL, revision bigint NOT NULL, event_id text NOT NULL UNIQUE, type text NOT NULL,
  schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at text NOT NULL, UNIQUE (stream_id, revision))`;

export async function measureAppends(singles: number, batches: number): Promise<AppendFigures> {
  const schemas = await Promise.all(['bench_raw', 'bench_cvl'].map((prefix) => createTestSchema(prefix)));
  const [rawSchema, cvlSchema] = schemas;
  // Emmett in a database of its own: its migrations look for their bookkeeping table in any schema, so a second
  // schema of one database would find the first's and skip creating its functions.
  const emmettDatabase = await createTestDatabase('bench_emmett');
  try {
    say('appends : INSERT brut');
    const raw = new Client({ connectionString: rawSchema.url, options: `-c search_path=${rawSchema.schema}` });
    await raw.connect();
    await raw.query(RAW_TABLE);
    const insert = (stream: string, events: NewEvent[]) =>
      raw.query(
        `INSERT INTO raw_events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
         SELECT $1, r.revision, r.event_id, r.type, r.schema_version, r.data, r.metadata, $2
         FROM jsonb_to_recordset($3::jsonb) AS r(revision bigint, event_id text, type text, schema_version integer, data jsonb, metadata jsonb)`,
        [
          stream,
          new Date().toISOString(),
          JSON.stringify(
            events.map((e, revision) => ({
              revision,
              event_id: e.eventId,
              type: e.type,
              schema_version: e.schemaVersion,
              data: e.data,
              metadata: e.metadata,
            })),
          ),
        ],
      );
    const rawRates = await rates(
      singles,
      batches,
      (i) => insert(`s-${i}`, [eventOf(i)]),
      (i) =>
        insert(
          `b-${i}`,
          Array.from({ length: 100 }, (_, j) => eventOf(j)),
        ),
    );
    await raw.end();

    say('appends : ce magasin (PostgreSQL)');
    const cvl = await openSqlEventStore({ databaseUrl: cvlSchema.url, schema: cvlSchema.schema });
    await cvl.store.ready();
    const cvlRates = await rates(
      singles,
      batches,
      (i) => cvl.store.append(`s-${i}`, [eventOf(i)], 'no_stream'),
      (i) =>
        cvl.store.append(
          `b-${i}`,
          Array.from({ length: 100 }, (_, j) => eventOf(j)),
          'no_stream',
        ),
    );
    await cvl.store.close();

    say('appends : Emmett (PostgreSQL)');
    const emmett = getPostgreSQLEventStore(emmettDatabase.url);
    const toEmmett = (e: NewEvent) => ({ type: e.type, data: e.data, metadata: e.metadata });
    const emmettRates = await rates(
      singles,
      batches,
      (i) => emmett.appendToStream(`s-${i}`, [toEmmett(eventOf(i))]),
      (i) =>
        emmett.appendToStream(
          `b-${i}`,
          Array.from({ length: 100 }, (_, j) => toEmmett(eventOf(j))),
        ),
    );
    await emmett.close();

    say('appends : ce magasin (PGlite, en mémoire)');
    const lite = await openSqlEventStore({});
    await lite.store.ready();
    const liteRates = await rates(
      singles,
      batches,
      (i) => lite.store.append(`s-${i}`, [eventOf(i)], 'no_stream'),
      (i) =>
        lite.store.append(
          `b-${i}`,
          Array.from({ length: 100 }, (_, j) => eventOf(j)),
          'no_stream',
        ),
    );
    await lite.store.close();

    return { raw: rawRates, cvl: cvlRates, emmett: emmettRates, pglite: liteRates };
  } finally {
    for (const schema of schemas) await schema.drop();
    await emmettDatabase.drop();
  }
}

/** A database of its own on the same server (same URL, another database name); dropped afterwards. */
async function createTestDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(testDatabaseUrl());
  const name = uniqueName(prefix).toLowerCase();
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: base.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
