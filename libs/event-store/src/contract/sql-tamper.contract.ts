/* Tamper evidence on the SQL adapters: what a direct SQL UPDATE or DELETE does is found by verify(). */
import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../sql/sql-client';
import type { SqlEventStore } from '../sql/sql-event-store';
import { newEvent } from './event-store.contract';

export function sqlTamperContract(adapter: string, open: () => Promise<{ store: SqlEventStore; client: SqlClient; cleanup: () => Promise<void> }>): void {
  describe(`Tamper evidence — ${adapter}`, () => {
    let fixture: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(async () => fixture.cleanup());

    const seed = async () => {
      const ids = [`funder-${randomUUID()}`, `funder-${randomUUID()}`];
      for (const id of ids) {
        await fixture.store.append(id, [newEvent('commitment-recorded', { amount: '1700000.00' }), newEvent('commitment-amended', { amount: '1500000.00' }), newEvent('payment-recorded', { amount: '300000.00' })], 'no_stream');
      }
      expect((await fixture.store.verify()).ok).toBe(true);
      return ids.sort();
    };

    it('refuses UPDATE and DELETE on events outright', async () => {
      await seed();
      await expect(fixture.client.query(`UPDATE events SET data = '{}'::jsonb`)).rejects.toThrow(/immutable/);
      await expect(fixture.client.query('DELETE FROM events')).rejects.toThrow(/immutable/);
    });

    it('finds an event whose data was changed by a direct SQL UPDATE', async () => {
      const [first] = await seed();
      await fixture.client.exec('ALTER TABLE events DISABLE TRIGGER events_immutable');
      await fixture.client.query(`UPDATE events SET data = jsonb_set(data, '{amount}', '"1900000.00"') WHERE stream_id = $1 AND revision = 1`, [first]);
      const report = await fixture.store.verify();
      expect(report.ok).toBe(false);
      expect(report.firstBroken).toMatchObject({ streamId: first, revision: 1, problem: 'hash_mismatch' });
      expect(report.firstBroken?.detail).toContain('contenu modifié');
    });

    it('finds an event deleted in the middle of a stream', async () => {
      const [first] = await seed();
      await fixture.client.exec('ALTER TABLE events DISABLE TRIGGER events_immutable');
      await fixture.client.query('DELETE FROM events WHERE stream_id = $1 AND revision = 1', [first]);
      const report = await fixture.store.verify();
      expect(report.firstBroken).toMatchObject({ streamId: first, revision: 1, problem: 'missing_revision' });
    });

    it('finds the last event of a stream deleted', async () => {
      const [, second] = await seed();
      await fixture.client.exec('ALTER TABLE events DISABLE TRIGGER events_immutable');
      await fixture.client.query('DELETE FROM events WHERE stream_id = $1 AND revision = 2', [second]);
      const report = await fixture.store.verify();
      expect(report.firstBroken).toMatchObject({ streamId: second, problem: 'stream_head_mismatch' });
    });

    it('finds a whole event rewritten with a recomputed hash of its own: the next link breaks', async () => {
      const [first] = await seed();
      await fixture.client.exec('ALTER TABLE events DISABLE TRIGGER events_immutable');
      await fixture.client.query(`UPDATE events SET hash = repeat('a', 64) WHERE stream_id = $1 AND revision = 0`, [first]);
      const report = await fixture.store.verify();
      expect(report.firstBroken).toMatchObject({ streamId: first, revision: 0, problem: 'hash_mismatch' });
    });
  });
}
