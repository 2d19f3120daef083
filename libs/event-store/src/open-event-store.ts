import { PgSqlClient } from './sql/pg-client';
import { PgliteSqlClient } from './sql/pglite-client';
import { migrate } from './sql/migrate';
import { SqlEventStore } from './sql/sql-event-store';
import type { SqlClient } from './sql/sql-client';
import { SignedLog } from './signed-log/signed-log';
import { LogSigningKey } from './signed-log/tree-head';
import { FileWitness, MemoryWitness } from './signed-log/witness';

export interface EventStoreConfig {
  /** PostgreSQL URL; when absent, PGlite is used (in `dataDir`, or in memory). */
  databaseUrl?: string;
  dataDir?: string;
  schema?: string;
  applicationName?: string;
  signing?: LogSigningConfig;
  /** PostgreSQL: told of each connection lost and replaced (logs). */
  onConnectionError?: (error: Error) => void;
}

/**
 * Where the signed log's key and witness live: files outside the database. Without them (tests, a store in
 * memory) the key is made for this process only and the witness kept in memory — a store that outlives the
 * process must be given both, or it could not be written again.
 */
export interface LogSigningConfig {
  /** Ed25519 private key, PEM (PKCS#8). */
  keyFile?: string;
  /** Create the key file when it does not exist (embedded mode's first start); otherwise its absence is an error. */
  createKey?: boolean;
  /** The witness: an append-only file of JSON lines. */
  witnessFile?: string;
  /** The log's name in its heads; by default the schema, else « cvl ». */
  log?: string;
  witnessIntervalMs?: number;
}

export interface OpenedEventStore {
  store: SqlEventStore;
  client: SqlClient;
  kind: 'postgres' | 'pglite';
}

/** Opens the configured SQL event store and applies pending migrations. */
export async function openSqlEventStore(config: EventStoreConfig): Promise<OpenedEventStore> {
  const signing = config.signing ?? {};
  const key = signing.keyFile
    ? LogSigningKey.loadFile(signing.keyFile, signing.createKey ?? false)
    : LogSigningKey.generate();
  const signedLog = new SignedLog({
    key,
    log: signing.log ?? config.schema ?? 'cvl',
    witness: signing.witnessFile ? new FileWitness(signing.witnessFile) : new MemoryWitness(),
    ...(signing.witnessIntervalMs ? { witnessIntervalMs: signing.witnessIntervalMs } : {}),
  });
  const client: SqlClient = config.databaseUrl
    ? new PgSqlClient({
        connectionString: config.databaseUrl,
        schema: config.schema,
        applicationName: config.applicationName,
        ...(config.onConnectionError ? { onConnectionError: config.onConnectionError } : {}),
      })
    : await PgliteSqlClient.open({ dataDir: config.dataDir, schema: config.schema, owner: config.applicationName });
  if (config.databaseUrl && config.schema) {
    await client.exec(`CREATE SCHEMA IF NOT EXISTS ${config.schema}`);
  }
  await migrate(client);
  return { store: new SqlEventStore(client, { signedLog }), client, kind: client.dialect };
}
