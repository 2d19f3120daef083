import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient } from './sql-client';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;
const MIGRATION_LOCK = 7_310_662_015;

/** The versioned SQL files beside this module, in order. */
export function loadMigrations(folder = join(__dirname, 'migrations')): Migration[] {
  return readdirSync(folder)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2],
      sql: readFileSync(join(folder, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies the migrations of a set (« event-store », « platform », a service's own) not yet recorded, each in its
 * own transaction, under an advisory lock so two processes starting together do not race. Running it again
 * applies nothing.
 */
export async function migrate(
  client: SqlClient,
  migrations: Migration[] = loadMigrations(),
  set = 'event-store',
): Promise<number[]> {
  await client.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      set_name text NOT NULL, version integer NOT NULL, name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (set_name, version)
    )`);
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await client.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE set_name = $1 AND version = $2', [
        set,
        migration.version,
      ]);
      if (seen.rowCount > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (set_name, version, name) VALUES ($1, $2, $3)', [
        set,
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/** Splits a migration on semicolons that end a line, keeping $$-quoted bodies whole. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inDollarQuote = false;
  for (const line of sql.split('\n')) {
    if (line.trim().startsWith('--') && !inDollarQuote) continue;
    current += `${line}\n`;
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inDollarQuote = !inDollarQuote;
    if (!inDollarQuote && line.trimEnd().endsWith(';')) {
      statements.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}
