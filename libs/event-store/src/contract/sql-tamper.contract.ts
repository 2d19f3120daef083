/*
 * Tamper evidence on the SQL adapters, tried as an attacker who can write the database but does not hold the
 * log's signing key: every forgery of issue 12 — edit, deletion, reordering, insertion, a rewrite with recomputed
 * hashes, forged heads, a rollback — is found by verify(), and every broken link is listed, not the first.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { BrokenLinkProblem, RecordedEvent } from '../event-store.port';
import type { SqlClient } from '../sql/sql-client';
import type { SqlEventStore } from '../sql/sql-event-store';
import { LogSigningKey } from '../signed-log/tree-head';
import { Attacker } from './attacker';
import { newEvent } from './event-store.contract';

type Fixture = { store: SqlEventStore; client: SqlClient; cleanup: () => Promise<void> };

export function sqlTamperContract(adapter: string, open: () => Promise<Fixture>): void {
  describe(`Tamper evidence — ${adapter}`, () => {
    let fixture: Fixture;
    let attacker: Attacker;
    beforeEach(async () => {
      fixture = await open();
      attacker = new Attacker(fixture.client);
    });
    afterEach(async () => fixture.cleanup());

    const seed = async () => {
      const ids = [`funder-${randomUUID()}`, `funder-${randomUUID()}`].sort();
      for (const id of ids) {
        await fixture.store.append(
          id,
          [
            newEvent('commitment-recorded', { amount: '1700000.00' }),
            newEvent('commitment-amended', { amount: '1500000.00' }),
          ],
          'no_stream',
        );
        await fixture.store.append(id, [newEvent('payment-recorded', { amount: '300000.00' })], 1);
      }
      const clean = await fixture.store.verify();
      expect(clean.broken).toEqual([]);
      expect(clean.signedLog?.latestHead?.treeSize).toBeGreaterThanOrEqual(6);
      return ids;
    };
    const problems = async () =>
      (await fixture.store.verify()).broken.map((b) => `${b.problem}@${b.streamId}:${b.revision}`);
    const kinds = async () => new Set((await fixture.store.verify()).broken.map((b) => b.problem));
    const at = (problem: BrokenLinkProblem, streamId: string, revision: number) => `${problem}@${streamId}:${revision}`;

    it("seals a derived document with the log's key: the seal holds for its purpose and digest only", async () => {
      const seals = fixture.store.seals;
      if (!seals) throw new Error('un magasin SQL signé scelle');
      const digest = createHash('sha256').update('état du grand livre').digest('hex');
      const other = createHash('sha256').update('un autre état').digest('hex');
      const seal = seals.seal('ledger-snapshot', digest);
      expect(seals.check('ledger-snapshot', digest, seal)).toBe(true);
      expect(seals.check('ledger-snapshot', other, seal)).toBe(false);
      expect(seals.check('audit-pack', digest, seal)).toBe(false);
      // Whoever writes the database and signs with a key of their own is not the log's key.
      expect(
        seals.check('ledger-snapshot', digest, LogSigningKey.generate().sealDocument('ledger-snapshot', digest)),
      ).toBe(false);
    });

    it('finds events by their ids (what a command recorded), and nothing for an id never stored', async () => {
      const [first] = await seed();
      const stored = await fixture.store.readStream(first);
      const found = await fixture.store.findEvents([stored[2].eventId, stored[0].eventId, randomUUID()]);
      expect(found.map((event) => event.eventId).sort()).toEqual([stored[0].eventId, stored[2].eventId].sort());
      expect(found.find((event) => event.eventId === stored[2].eventId)).toEqual(stored[2]);
    });

    it('refuses UPDATE and DELETE on events outright', async () => {
      await seed();
      await expect(fixture.client.query(`UPDATE events SET data = '{}'::jsonb`)).rejects.toThrow(/immutable/);
      await expect(fixture.client.query('DELETE FROM events')).rejects.toThrow(/immutable/);
      await expect(fixture.client.query('UPDATE events SET leaf_index = leaf_index + 100')).rejects.toThrow(
        /immutable/,
      );
    });

    it('finds an event whose data was changed by a direct SQL UPDATE', async () => {
      const [first] = await seed();
      await attacker.unlock();
      await fixture.client.query(
        `UPDATE events SET data = jsonb_set(data, '{amount}', '"1900000.00"') WHERE stream_id = $1 AND revision = 1`,
        [first],
      );
      const report = await fixture.store.verify();
      expect(report.ok).toBe(false);
      expect(report.broken.map((b) => `${b.problem}@${b.streamId}:${b.revision}`)).toContain(
        at('hash_mismatch', first, 1),
      );
      expect(report.broken.find((b) => b.problem === 'hash_mismatch')?.detail).toContain('contenu modifié');
    });

    it('finds a changed actor', async () => {
      const [, second] = await seed();
      await attacker.unlock();
      await fixture.client.query(
        `UPDATE events SET metadata = jsonb_set(metadata, '{actor}', '"someone-else"') WHERE stream_id = $1 AND revision = 0`,
        [second],
      );
      expect(await problems()).toContain(at('hash_mismatch', second, 0));
    });

    it('lists every broken link, not the first: two edits in two streams are both reported', async () => {
      const [first, second] = await seed();
      await attacker.unlock();
      await fixture.client.query(`UPDATE events SET type = 'edited' WHERE stream_id = $1 AND revision = 0`, [first]);
      await fixture.client.query(
        `UPDATE events SET recorded_at = '2015-01-01T00:00:00.000Z' WHERE stream_id = $1 AND revision = 2`,
        [second],
      );
      const found = await problems();
      expect(found).toEqual(expect.arrayContaining([at('hash_mismatch', first, 0), at('hash_mismatch', second, 2)]));
      const report = await fixture.store.verify();
      expect(report.problemCount).toBe(report.broken.length);
    });

    it('finds an event deleted in the middle of a stream', async () => {
      const [first] = await seed();
      await attacker.unlock();
      await fixture.client.query('DELETE FROM events WHERE stream_id = $1 AND revision = 1', [first]);
      const found = await problems();
      expect(found).toContain(at('missing_revision', first, 1));
      expect(await kinds()).toContain('missing_leaf');
    });

    it('finds the last event of a stream deleted, even with the stream row rewound to match', async () => {
      const [, second] = await seed();
      await attacker.unlock();
      await fixture.client.query('DELETE FROM events WHERE stream_id = $1 AND revision = 2', [second]);
      expect(await problems()).toContain(at('stream_head_mismatch', second, 2));
      await attacker.rechain(second);
      // The stream agrees with its events again; the signed tree does not.
      const found = await kinds();
      expect(found.has('stream_head_mismatch')).toBe(false);
      expect(found.has('missing_leaf') || found.has('tree_mismatch')).toBe(true);
    });

    it('finds a rewrite whose hashes were all recomputed: the chains verify, the signed tree does not', async () => {
      const [first] = await seed();
      await attacker.unlock();
      await fixture.client.query(
        `UPDATE events SET data = jsonb_set(data, '{amount}', '"9999999.00"') WHERE stream_id = $1 AND revision = 0`,
        [first],
      );
      await attacker.rechain(first);
      const report = await fixture.store.verify();
      expect(report.broken.filter((b) => b.problem === 'hash_mismatch')).toEqual([]);
      expect(report.broken.map((b) => b.problem)).toContain('tree_mismatch');
      expect(report.broken.find((b) => b.problem === 'tree_mismatch')?.detail).toContain(
        'empreintes ont été recalculées',
      );
    });

    it('finds two events swapped in the signed order', async () => {
      const [first, second] = await seed();
      await attacker.unlock();
      const leaf = async (stream: string) =>
        Number(
          (
            await fixture.client.query<{ l: string }>(
              'SELECT leaf_index::text AS l FROM events WHERE stream_id = $1 AND revision = 0',
              [stream],
            )
          ).rows[0].l,
        );
      const [a, b] = [await leaf(first), await leaf(second)];
      await fixture.client.query('UPDATE events SET leaf_index = -1 WHERE stream_id = $1 AND revision = 0', [first]);
      await fixture.client.query('UPDATE events SET leaf_index = $2 WHERE stream_id = $1 AND revision = 0', [
        second,
        a,
      ]);
      await fixture.client.query('UPDATE events SET leaf_index = $2 WHERE stream_id = $1 AND revision = 0', [first, b]);
      expect(await kinds()).toContain('tree_mismatch');
    });

    it('finds a correctly chained event inserted by SQL — a firm 9 999 999 € commitment — and still after later writes', async () => {
      const [first] = await seed();
      const forged = await attacker.insertChained(first, {
        funder: 'maisons-et-cites',
        amount: '9999999.00',
        status: 'firm',
      });
      // Never relayed: the global log that relays and subscriptions follow holds only what the suite signed.
      const all = await fixture.store.readAll({ commit: 0n, position: 0n }, 10_000);
      expect(all.some((event) => event.eventId === forged)).toBe(false);
      let report = await fixture.store.verify();
      expect(report.broken).toEqual([expect.objectContaining({ problem: 'unsigned_event', eventId: forged })]);
      expect(report.signedLog?.unsignedEvents).toBe(1);
      // The suite writes on: its next head is signed over its own events, never over the forged one.
      await fixture.store.append(`other-${randomUUID()}`, [newEvent()], 'no_stream');
      report = await fixture.store.verify();
      expect(report.broken.map((b) => b.problem)).toEqual(['unsigned_event']);
    });

    it('finds an inserted event that claims the next place in the tree', async () => {
      const [first] = await seed();
      const size = (await fixture.store.verify()).signedLog?.latestHead?.treeSize ?? 0;
      const forged = await attacker.insertChained(first, { amount: '9999999.00' }, size);
      expect((await fixture.store.verify()).broken).toEqual([
        expect.objectContaining({ problem: 'unsigned_event', eventId: forged }),
      ]);
    });

    it('finds forged heads: a recomputed tree signed by anyone but the key', async () => {
      const [first] = await seed();
      await fixture.client.query(
        `UPDATE signed_log_state SET head = jsonb_set(head, '{rootHash}', to_jsonb(repeat('b', 64)))`,
      );
      await fixture.client.query(
        `UPDATE signed_tree_heads SET head = jsonb_set(head, '{rootHash}', to_jsonb(repeat('b', 64))) WHERE sequence = (SELECT max(sequence) FROM signed_tree_heads)`,
      );
      expect(await kinds()).toContain('invalid_signature');
      // And the suite refuses to build on a head it did not sign.
      await expect(fixture.store.append(first, [newEvent()], 2)).rejects.toThrow(/Journal signé incohérent/);
    });

    it('finds a rollback to an older, correctly signed state through the witness', async () => {
      const [, second] = await seed();
      const before = (await fixture.store.verify()).signedLog?.latestHead;
      await fixture.store.append(second, [newEvent('payment-recorded', { amount: '100000.00' })], 2);
      fixture.store.signedLog?.recordWitness();
      // Back to the state before the last append: event, stream row and heads, all consistent and all signed.
      await attacker.unlock();
      await fixture.client.query('DELETE FROM events WHERE stream_id = $1 AND revision = 3', [second]);
      await attacker.rechain(second);
      await fixture.client.query('DELETE FROM signed_tree_heads WHERE sequence > $1', [before?.sequence]);
      await fixture.client.query(
        'UPDATE signed_log_state SET head = (SELECT head FROM signed_tree_heads WHERE sequence = $1)',
        [before?.sequence],
      );
      const report = await fixture.store.verify();
      expect(report.broken.map((b) => b.problem)).toContain('rollback');
      expect(report.broken.filter((b) => !['rollback', 'tree_mismatch', 'missing_leaf'].includes(b.problem))).toEqual(
        [],
      );
    });

    it('signs each append in its transaction: the latest head covers every event', async () => {
      await seed();
      const events = (await fixture.client.query<RecordedEvent>('SELECT count(*)::int AS count FROM events'))
        .rows[0] as unknown as { count: number };
      const report = await fixture.store.verify();
      expect(report.signedLog?.latestHead?.treeSize).toBe(events.count);
      expect(report.signedLog?.unsignedEvents).toBe(0);
    });
  });
}
