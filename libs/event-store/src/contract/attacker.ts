/* Test support: what someone who can write the database (but holds no signing key) does to it. */
import { randomUUID } from 'node:crypto';
import { chainHash, GENESIS_HASH } from '../canonical-json';
import type { SqlExecutor } from '../sql/sql-client';

/** Writes as the attacker would: guard off, hashes recomputed so that each chain is valid on its own. */
export class Attacker {
  constructor(private readonly client: SqlExecutor) {}

  async unlock(): Promise<void> {
    await this.client.query('ALTER TABLE events DISABLE TRIGGER events_immutable');
  }

  /** Recomputes every hash of the stream from its first event, and the stream's row: the chain verifies again. */
  async rechain(streamId: string): Promise<void> {
    const rows = await this.client.query<{
      position: string;
      revision: string;
      event_id: string;
      type: string;
      schema_version: number;
      data: never;
      metadata: never;
      recorded_at: string;
      tags: string[] | null;
    }>(
      'SELECT position::text AS position, revision::text AS revision, event_id, type, schema_version, data, metadata, recorded_at, tags FROM events WHERE stream_id = $1 ORDER BY revision',
      [streamId],
    );
    let previous = GENESIS_HASH;
    for (const row of rows.rows) {
      previous = chainHash(previous, {
        streamId,
        revision: Number(row.revision),
        eventId: row.event_id,
        type: row.type,
        schemaVersion: row.schema_version,
        data: row.data,
        metadata: row.metadata,
        recordedAt: row.recorded_at,
        tags: row.tags ?? undefined,
      });
      await this.client.query('UPDATE events SET hash = $1 WHERE position = $2', [previous, row.position]);
    }
    await this.client.query('UPDATE streams SET revision = $2, last_hash = $3 WHERE stream_id = $1', [
      streamId,
      rows.rows.length - 1,
      previous,
    ]);
  }

  /** Appends a correctly chained event by SQL, at the end of a stream, with the stream's row moved on. */
  async insertChained(
    streamId: string,
    data: Record<string, string>,
    leafIndex: number | null = null,
  ): Promise<string> {
    const head = await this.client.query<{ revision: string; last_hash: string }>(
      'SELECT revision::text AS revision, last_hash FROM streams WHERE stream_id = $1',
      [streamId],
    );
    const revision = Number(head.rows[0].revision) + 1;
    const event = {
      streamId,
      revision,
      eventId: randomUUID(),
      type: 'commitments.commitment-recorded',
      schemaVersion: 1,
      data,
      metadata: { actor: { subject: 'admin', organisation: 'cvl', roles: ['admin'] } },
      recordedAt: new Date().toISOString(),
    };
    const hash = chainHash(head.rows[0].last_hash, event);
    await this.client.query(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at, hash, leaf_index)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10)`,
      [
        streamId,
        revision,
        event.eventId,
        event.type,
        1,
        JSON.stringify(data),
        JSON.stringify(event.metadata),
        event.recordedAt,
        hash,
        leafIndex,
      ],
    );
    await this.client.query('UPDATE streams SET revision = $2, last_hash = $3 WHERE stream_id = $1', [
      streamId,
      revision,
      hash,
    ]);
    return event.eventId;
  }
}
