import { START, type GlobalCheckpoint } from '../event-store.port';
import type { CheckpointStore } from '../subscription';
import type { SqlExecutor } from './sql-client';

/** Checkpoints in the `checkpoints` table; `saveIn` lets a consumer save inside its own transaction. */
export class SqlCheckpointStore implements CheckpointStore {
  constructor(private readonly db: SqlExecutor) {}

  async load(name: string): Promise<GlobalCheckpoint> {
    return loadCheckpoint(this.db, name);
  }

  async save(name: string, checkpoint: GlobalCheckpoint): Promise<void> {
    await saveCheckpoint(this.db, name, checkpoint);
  }
}

export async function loadCheckpoint(db: SqlExecutor, name: string): Promise<GlobalCheckpoint> {
  const result = await db.query<{ commit_id: string; position: string }>(
    'SELECT commit_id::text AS commit_id, position::text AS position FROM checkpoints WHERE name = $1',
    [name],
  );
  if (result.rowCount === 0) return START;
  return { commit: BigInt(result.rows[0].commit_id), position: BigInt(result.rows[0].position) };
}

export async function saveCheckpoint(db: SqlExecutor, name: string, checkpoint: GlobalCheckpoint): Promise<void> {
  await db.query(
    `INSERT INTO checkpoints (name, commit_id, position) VALUES ($1, $2::numeric, $3::bigint)
     ON CONFLICT (name) DO UPDATE SET commit_id = EXCLUDED.commit_id, position = EXCLUDED.position, updated_at = now()`,
    [name, checkpoint.commit.toString(), checkpoint.position.toString()],
  );
}
