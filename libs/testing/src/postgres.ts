import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL the integration tiers use: DATABASE_URL, else the local server on 127.0.0.1. */
export function testDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** A fresh schema per test file; dropped afterwards. Fails loudly when PostgreSQL is not reachable. */
export async function createTestSchema(
  prefix = 't',
): Promise<{ schema: string; url: string; drop: () => Promise<void> }> {
  const url = testDatabaseUrl();
  const schema = uniqueName(prefix).toLowerCase();
  const admin = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL injoignable à ${url.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message}). Lancez « npm run postgres:ensure » ou définissez DATABASE_URL.`,
    );
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    schema,
    url,
    drop: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
