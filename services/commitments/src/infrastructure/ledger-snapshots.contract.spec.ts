/*
 * Start-up from a snapshot: the state a process folded, sealed with the log's key, is what the next process starts
 * from — the same state as a fold from the start, the same answers to a retried command, and never a row the key
 * did not seal.
 */
import { openSqlEventStore, type EventStore, type ReadStreamOptions } from '@cvl/event-store';
import { runInContext } from '@cvl/platform';
import { commitment, condition, envelope, funder } from '../test-support/fixtures';
import { amend, firmed, pay, release } from '../test-support/lifecycle';
import type { Decide } from '../test-support/scenario';
import { CommitmentsLedger, LEDGER_STREAM, type BatchCommand } from './commitments-ledger';
import { LedgerProjection } from './ledger-projection';
import { decodeState, encodeState, LedgerSnapshots } from './ledger-snapshots';

type Opened = Awaited<ReturnType<typeof openSqlEventStore>>;

/** Every shape the state holds: references, envelopes, conditions, commitments firm, paid, amended, released. */
function commands(prefix: string, count: number): Decide[] {
  const out: Decide[] = [
    funder('mc'),
    funder('region', 'region'),
    envelope(`${prefix}-env`, 'region', 1_000_000_00n),
    condition(`${prefix}-cond`),
  ];
  for (let i = 0; i < count; i++) {
    const id = `${prefix}-c${i}`;
    out.push(
      commitment({
        commitmentId: id,
        amountCents: BigInt(1_000 + i) * 100n,
        ...(i % 3 === 0 ? { funder: 'region', envelopeId: `${prefix}-env` } : {}),
        ...(i % 5 === 4 ? { status: 'conditional', conditionId: `${prefix}-cond` } : {}),
      }),
    );
    if (i % 5 === 4) continue;
    out.push(firmed(id));
    if (i % 2 === 0) out.push(pay(id, 'p1', 'acompte', 100_00n));
    if (i % 4 === 1)
      out.push(
        amend(id, BigInt(2_000 + i) * 100n, 'clause-de-revoyure', {
          act: { reference: `Avenant ${i}`, date: '2018-01-15' },
        }),
      );
    if (i % 7 === 3) out.push(release(id, 50_00n));
  }
  return out;
}

const key = (i: number) => ({ correlationId: 'snapshot-suite', commandKey: `snapshot-suite:${i}` });
const batch = (decides: Decide[], from = 0): BatchCommand[] =>
  decides.map((decide, i) => ({ context: key(from + i), decide }));

/** A ledger as the service builds it: projection and snapshots on the store's database. */
function serviceLedger(opened: Opened, store: EventStore = opened.store, everyEvents = 40) {
  const projection = new LedgerProjection(opened.client);
  const snapshots = new LedgerSnapshots(opened.client, projection);
  snapshots.everyEvents = everyEvents;
  return { ledger: new CommitmentsLedger(store, projection, snapshots), snapshots };
}

/** The store, with the revisions each stream read starts from. */
function readsFrom(store: EventStore): { store: EventStore; starts: number[] } {
  const starts: number[] = [];
  const watched: EventStore = Object.create(store) as EventStore;
  watched.readStream = (streamId: string, options?: ReadStreamOptions) => {
    if (streamId === LEDGER_STREAM) starts.push(options?.fromRevision ?? 0);
    return store.readStream(streamId, options);
  };
  return { store: watched, starts };
}

async function snapshotRevision(opened: Opened): Promise<number | undefined> {
  for (let tries = 0; tries < 200; tries++) {
    const row = (
      await opened.client.query<{ revision: string }>('SELECT revision::text AS revision FROM ledger_snapshots')
    ).rows[0];
    if (row) return Number(row.revision);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}

const encoded = (ledger: CommitmentsLedger) =>
  ledger.current().then(({ state, revision }) => ({ revision, state: JSON.stringify(encodeState(state)) }));

describe('the ledger starts from its sealed snapshot (PGlite)', () => {
  let opened: Opened;
  beforeEach(async () => {
    opened = await openSqlEventStore({});
  });
  afterEach(async () => opened.store.close());

  it('encodes every shape of the state and decodes it to the same state, in the same order', async () => {
    const { ledger } = serviceLedger(opened, opened.store, Number.MAX_SAFE_INTEGER);
    await ledger.executeBatch(batch(commands('codec', 30)));
    const { state } = await ledger.current();
    const text = JSON.stringify(encodeState(state));
    expect(JSON.stringify(encodeState(decodeState(JSON.parse(text))))).toBe(text);
    const decoded = decodeState(JSON.parse(text)) as typeof state;
    expect([...decoded.commitments.keys()]).toEqual([...state.commitments.keys()]);
    expect(decoded.commitments.get('codec-c1')).toEqual(state.commitments.get('codec-c1'));
    expect(decoded.ledger.accounts.get('envelope:codec-env')).toEqual(state.ledger.accounts.get('envelope:codec-env'));
    // A value it has no encoding for is refused, not dropped.
    expect(() => encodeState({ ...state, at: new Date() })).toThrow(/sans encodage/);
  });

  it('a new process folds only what follows the snapshot, to the same state as a fold from the start, and answers a retried command as recorded', async () => {
    const first = serviceLedger(opened);
    const decides = commands('restart', 40);
    await first.ledger.executeBatch(batch(decides));
    // One command more, so that the snapshot is taken after the start-up fold of the next checks.
    await runInContext(key(10_000), () =>
      first.ledger.write(undefined, commitment({ commitmentId: 'restart-late', amountCents: 5_00n })),
    );
    const at = await snapshotRevision(opened);
    expect(at).toBeGreaterThan(0);

    const watched = readsFrom(opened.store);
    const restarted = serviceLedger(opened, watched.store).ledger;
    const afresh = new CommitmentsLedger(opened.store);
    expect(await encoded(restarted)).toEqual(await encoded(afresh));
    expect(Math.min(...watched.starts)).toBe(at as number);

    // Retried with their keys: an import run again appends nothing; a command answers as it was first recorded.
    const again = await restarted.executeBatch(batch(decides));
    expect(again.recorded).toEqual([]);
    expect(again.results.every((result) => result.appended === 0 && result.already)).toBe(true);
    const retried = await runInContext(key(0), () => restarted.write(undefined, decides[0]));
    expect(retried.replayed).toBe(true);
    expect(retried.recorded.map((event) => event.eventId)).toEqual(
      (await opened.store.readStream(LEDGER_STREAM, { maxCount: 1 })).map((event) => event.eventId),
    );
    const lateAgain = await runInContext(key(10_000), () =>
      restarted.write(undefined, commitment({ commitmentId: 'restart-late', amountCents: 5_00n })),
    );
    expect(lateAgain.replayed).toBe(true);
    expect(await encoded(restarted)).toEqual(await encoded(new CommitmentsLedger(opened.store)));
  });

  it("never builds on a snapshot the log's key did not seal, nor on one of another log: it folds from the start", async () => {
    const first = serviceLedger(opened);
    await first.ledger.executeBatch(batch(commands('forged', 40)));
    await runInContext(key(20_000), () =>
      first.ledger.write(undefined, commitment({ commitmentId: 'forged-late', amountCents: 5_00n })),
    );
    expect(await snapshotRevision(opened)).toBeGreaterThan(0);

    // Whoever writes the database raises an envelope in the snapshot (gzip of their own JSON): the seal no longer holds.
    const row = (await opened.client.query<{ state: Uint8Array }>('SELECT state FROM ledger_snapshots')).rows[0];
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const forged = gunzipSync(Buffer.from(row.state))
      .toString('utf8')
      .replace(/"amountCents":\{"\$n":"100000000"\}/, '"amountCents":{"$n":"900000000"}');
    expect(forged).toContain('900000000');
    await opened.client.query('UPDATE ledger_snapshots SET state = $1', [gzipSync(forged)]);
    let watched = readsFrom(opened.store);
    let restarted = serviceLedger(opened, watched.store, Number.MAX_SAFE_INTEGER).ledger;
    expect(await encoded(restarted)).toEqual(await encoded(new CommitmentsLedger(opened.store)));
    expect(watched.starts[0]).toBe(0);
    expect((await restarted.current()).state.envelopes.get('forged-env')?.amountCents).toBe(1_000_000_00n);

    // A sealed snapshot said to be of an event the log does not have at that place (another log): passed over too.
    await opened.client.query('DELETE FROM ledger_snapshots');
    const seals = opened.store.seals;
    if (!seals) throw new Error('un magasin SQL signé scelle');
    await new LedgerSnapshots(opened.client, new LedgerProjection(opened.client)).save(seals, {
      revision: 3,
      eventHash: 'f'.repeat(64),
      state: (await restarted.current()).state,
    });
    watched = readsFrom(opened.store);
    restarted = serviceLedger(opened, watched.store, Number.MAX_SAFE_INTEGER).ledger;
    expect(await encoded(restarted)).toEqual(await encoded(new CommitmentsLedger(opened.store)));
    // It looked at the event the snapshot names (n° 3), found another hash, and folded from the start.
    expect(watched.starts.slice(0, 2)).toEqual([3, 0]);
  });
});
