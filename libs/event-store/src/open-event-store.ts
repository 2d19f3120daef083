import { PgSqlClient } from './sql/pg-client';
import { PgliteSqlClient } from './sql/pglite-client';
import { migrate } from './sql/migrate';
import { SqlEventStore } from './sql/sql-event-store';
import type { SqlClient } from './sql/sql-client';

export interface EventStoreConfig {
  /** PostgreSQL URL; when absent, PGlite is used (in `dataDir`, or in memory). */
  databaseUrl?: string;
  dataDir?: string;
  schema?: string;
  applicationName?: string;
}

export interface OpenedEventStore {
  store: SqlEventStore;
  client: SqlClient;
  kind: 'postgres' | 'pglite';
}

/** Opens the configured SQL event store and applies pending migrations. */
export async function openSqlEventStore(config: EventStoreConfig): Promise<OpenedEventStore> {
  const client: SqlClient = config.databaseUrl
    ? new PgSqlClient({ connectionString: config.databaseUrl, schema: config.schema, applicationName: config.applicationName })
    : await PgliteSqlClient.open({ dataDir: config.dataDir, schema: config.schema });
  if (config.databaseUrl && config.schema) {
    await client.exec(`CREATE SCHEMA IF NOT EXISTS ${config.schema}`);
  }
  await migrate(client);
  return { store: new SqlEventStore(client), client, kind: client.dialect };
}
