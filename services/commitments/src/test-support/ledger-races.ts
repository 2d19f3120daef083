/* The ledger's consistency boundaries under real concurrency: two ledgers (two processes) on one store. */
import {
  MAX_APPEND_EVENTS,
  START,
  WrongExpectedRevisionError,
  type EventStore,
  type RecordedEvent,
} from '@cvl/event-store';
import { ledgerViolations, limitViolations } from '@cvl/ledger';
import { ContentionError, DomainRefusal, runInContext } from '@cvl/platform';
import {
  CommitmentsLedger,
  LEDGER_STREAM,
  type BatchCommand,
  type Decision,
} from '../infrastructure/commitments-ledger';
import { viewLedgerDisagreements } from '../domain/figures';
import { accountOf } from '../domain/state';
import { commitment, envelope, funder } from './fixtures';

export interface RaceFixture {
  /** Two handles on one database, as two processes have (PGlite: one handle, two ledgers). */
  stores: [EventStore, EventStore];
  cleanup: () => Promise<void>;
}

/** Counts the conflicts the store reports, whoever then retries them (the race tests, the benchmark). */
export function countingConflicts(store: EventStore): { store: EventStore; conflicts: () => number } {
  let conflicts = 0;
  const counted: EventStore = Object.create(store) as EventStore;
  counted.append = async (...args) => {
    try {
      return await store.append(...args);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) conflicts++;
      throw error;
    }
  };
  return { store: counted, conflicts: () => conflicts };
}

let commandSequence = 0;
const run = (ledger: CommitmentsLedger, decide: Decision) =>
  runInContext(
    { correlationId: `race-${++commandSequence}`, commandKey: `race:${process.pid}:${Date.now()}:${commandSequence}` },
    () => ledger.write(undefined, decide),
  );

async function globalLog(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let after = START, pages = 0; pages < 1_000; pages++) {
    const page = await store.readAll(after, 500);
    if (page.length === 0) return all;
    all.push(...page);
    after = page[page.length - 1].checkpoint;
  }
  throw new Error('bounded: 1 000 pages');
}

function consistent(ledger: CommitmentsLedger) {
  return ledger
    .current()
    .then(({ state }) => [
      ...ledgerViolations(state.ledger),
      ...limitViolations(state.ledger),
      ...viewLedgerDisagreements(state),
    ]);
}

export function ledgerRaceSuite(label: string, open: () => Promise<RaceFixture>): void {
  describe(`the ledger's consistency boundaries — ${label}`, () => {
    let fixture: RaceFixture;
    let counted: Array<ReturnType<typeof countingConflicts>>;
    let ledgers: [CommitmentsLedger, CommitmentsLedger];

    beforeAll(async () => {
      fixture = await open();
      counted = fixture.stores.map(countingConflicts);
      ledgers = [new CommitmentsLedger(counted[0].store), new CommitmentsLedger(counted[1].store)];
      await run(ledgers[0], funder('mc'));
      await run(ledgers[0], funder('region', 'region'));
    });
    afterAll(() => fixture.cleanup());

    it('lets writers on disjoint commitments through together: no conflict, nothing lost, every event once in the global log', async () => {
      const before = counted.map((c) => c.conflicts());
      const writers = 24;
      const results = await Promise.allSettled(
        Array.from({ length: writers }, (_, i) =>
          run(ledgers[i % 2], commitment({ commitmentId: `disjoint-${i}`, amountCents: BigInt(1_000_00 + i) })),
        ),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(counted.map((c) => c.conflicts())).toEqual(before);
      for (const ledger of ledgers) {
        const { state } = await ledger.current();
        for (let i = 0; i < writers; i++)
          expect(state.commitments.get(`disjoint-${i}`)?.amountCents).toBe(BigInt(1_000_00 + i));
        expect(await consistent(ledger)).toEqual([]);
      }
      const logged = (await globalLog(fixture.stores[0])).filter((e) => e.streamId === LEDGER_STREAM);
      expect(logged.map((e) => e.revision)).toEqual(Array.from({ length: logged.length }, (_, i) => i));
      expect(new Set(logged.map((e) => e.eventId)).size).toBe(logged.length);
    });

    it('never lets N writers on one envelope draw past its cap, from two processes', async () => {
      await run(ledgers[0], envelope('race-envelope', 'region', 8_000_00n));
      const writers = 14;
      const outcomes = await Promise.allSettled(
        Array.from({ length: writers }, (_, i) =>
          run(
            ledgers[i % 2],
            commitment({
              commitmentId: `capped-${i}`,
              funder: 'region',
              envelopeId: 'race-envelope',
              status: 'firm',
              act: { reference: `Délibération CP ${i}`, date: '2015-06-30' },
              amountCents: 1_000_00n,
            }),
          ),
        ),
      );
      const accepted = outcomes.filter((o) => o.status === 'fulfilled').length;
      const reasons = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      const exceeded = reasons.filter((r) => r instanceof DomainRefusal && r.code === 'envelope-exceeded').length;
      const contended = reasons.filter((r) => r instanceof ContentionError).length;
      expect(accepted + exceeded + contended).toBe(writers);
      // The cap holds whatever the interleaving; with no writer given up on, it is reached exactly.
      expect(accepted).toBeLessThanOrEqual(8);
      if (contended === 0) expect(accepted).toBe(8);
      for (const ledger of ledgers) {
        const { state } = await ledger.current();
        const account = state.ledger.accounts.get(accountOf.envelope('race-envelope'));
        expect(account?.debitsPostedCents).toBe(BigInt(accepted) * 1_000_00n);
        expect(await consistent(ledger)).toEqual([]);
      }
    });

    it('stays writable past 10 000 events, and a process starting afresh folds it a page at a time', async () => {
      const commands: BatchCommand[] = Array.from({ length: MAX_APPEND_EVENTS }, (_, i) => ({
        context: { correlationId: 'race-long', commandKey: `race-long:${i}` },
        decide: commitment({ commitmentId: `long-${i}`, amountCents: 10_00n }),
      }));
      await ledgers[0].executeBatch(commands);
      const revision = (await ledgers[0].current()).revision;
      expect(revision).toBeGreaterThan(MAX_APPEND_EVENTS);
      await run(ledgers[1], commitment({ commitmentId: 'after-long', amountCents: 1_00n }));
      const restarted = new CommitmentsLedger(fixture.stores[1]);
      const { state, revision: seen } = await restarted.current();
      expect(seen).toBe(revision + 1);
      expect(state.commitments.get('after-long')?.amountCents).toBe(1_00n);
      await run(restarted, commitment({ commitmentId: 'after-restart', amountCents: 2_00n }));
      expect((await ledgers[0].current()).state.commitments.has('after-restart')).toBe(true);
    }, 180_000);
  });
}
