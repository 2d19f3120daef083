import fc from 'fast-check';
import { PgliteSqlClient, type RecordedEvent } from '@cvl/event-store';
import { isRefusal } from '@cvl/refusal';
import { decideAmendCommitment } from '../amend-commitment/amend-commitment.decider';
import type { CommitmentsEvent } from '../domain/events';
import { evolve } from '../domain/evolve';
import { figuresOf } from '../domain/figures';
import { decideFirmCommitment } from '../firm-commitment/firm-commitment.decider';
import { project, type Projected } from '../queries/ledger-movements';
import { decideRecordPayment } from '../record-payment/record-payment.decider';
import { decideReleaseCommitment } from '../release-commitment/release-commitment.decider';
import { decideResolveCondition } from '../resolve-condition/resolve-condition.decider';
import { baseline, commitment } from '../test-support/fixtures';
import { stateAt } from '../test-support/replay-oracle';
import { Scenario, trace, type Decide } from '../test-support/scenario';
import { LedgerProjection } from './ledger-projection';

// The projection's sums against the replay they replace: for histories whose effective dates follow their
// recording order, every commitment's figures « as of » each date and « as known » at each instant agree.
type Op = {
  kind: 'record' | 'conditional' | 'firm' | 'pay' | 'amend' | 'release' | 'resolve';
  target: number;
  amount: number;
};

const IDS = ['a', 'b', 'c', 'd'];
const dayOf = (n: number) => new Date(Date.UTC(2015, 6, 1) + n * 86_400_000).toISOString().slice(0, 10);
const act = { reference: 'Délibération 2016-12', date: '2016-01-01' };

function decisionOf(op: Op, day: number): Decide {
  const id = IDS[op.target];
  const at = { effectiveDate: dayOf(day), recordedAt: `${dayOf(day)}T10:00:00.000Z` };
  const cents = BigInt(op.amount) * 100n;
  switch (op.kind) {
    case 'record':
      return commitment({ commitmentId: id, amountCents: cents, trace: trace({ reasonCode: 'intention', ...at }) });
    case 'conditional':
      return commitment({
        commitmentId: id,
        amountCents: cents,
        status: 'conditional',
        conditionId: 'tfpb',
        trace: trace({ reasonCode: 'intention', ...at }),
      });
    case 'firm':
      return (state, context) =>
        decideFirmCommitment(
          // The act of the day it takes effect: a firm booking is never dated before its act.
          {
            commitmentId: id,
            act: { ...act, date: at.effectiveDate },
            trace: trace({ reasonCode: 'engagement-juridique', ...at }),
          },
          state,
          context,
        );
    case 'pay':
      return (state, context) =>
        decideRecordPayment(
          {
            commitmentId: id,
            paymentId: `p${day}`,
            kind: 'acompte',
            amountCents: cents,
            serviceDoneDate: at.effectiveDate,
            trace: trace({ reasonCode: 'paiement', ...at }),
          },
          state,
          context,
        );
    case 'amend':
      return (state, context) =>
        decideAmendCommitment(
          {
            commitmentId: id,
            kind: 'avenant',
            newAmountCents: cents,
            act,
            trace: trace({ reasonCode: 'avenant', ...at }),
          },
          state,
          context,
        );
    case 'release':
      return (state, context) =>
        decideReleaseCommitment(
          { commitmentId: id, trace: trace({ reasonCode: 'degagement', ...at }) },
          state,
          context,
        );
    case 'resolve':
      return (state, context) =>
        decideResolveCondition(
          {
            conditionId: 'tfpb',
            outcome: op.amount % 2 === 0 ? 'met' : 'failed',
            act,
            trace: trace({ reasonCode: op.amount % 2 === 0 ? 'condition-remplie' : 'condition-defaillie', ...at }),
          },
          state,
          context,
        );
  }
}

describe('the ledger projection (PGlite)', () => {
  // One database for every history (opening PGlite takes seconds), emptied between them.
  let sql: PgliteSqlClient;
  beforeAll(async () => {
    sql = await PgliteSqlClient.open({});
  });
  afterAll(() => sql.close());

  const seen = { accepted: 0, payments: 0 };
  const PAYMENTS_AT_LEAST = 100;

  it('gives, at every date and instant, the figures a replay of the events would give (100 random histories)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            kind: fc.constantFrom<Op['kind']>(
              'firm',
              'firm',
              'firm',
              'pay',
              'pay',
              'pay',
              'pay',
              'pay',
              'amend',
              'amend',
              'release',
              'resolve',
            ),
            target: fc.integer({ min: 0, max: IDS.length - 1 }),
            amount: fc.integer({ min: 1, max: 1_500 }),
          }),
          { minLength: 5, maxLength: 30, size: 'max' },
        ),
        async (drawn) => {
          // Every history starts with its commitments recorded (two indicative, two awaiting the condition), one firm.
          const ops: Op[] = [
            ...IDS.map((_, target): Op => ({
              kind: target < 2 ? 'record' : 'conditional',
              target,
              amount: 2_000 + target,
            })),
            { kind: 'firm', target: 0, amount: 1 },
            ...drawn,
          ];
          const projection = new LedgerProjection(sql);
          let accepted = 0;
          await projection.init();
          await sql.exec(
            'TRUNCATE ledger_movements, ledger_totals_movements, ledger_history, ledger_projection, ledger_current, ledger_totals_current',
          );
          {
            const scenario = baseline(new Scenario());
            const recorded: RecordedEvent[] = [];
            const rows: Projected[] = [];
            let state = scenario.state;
            const append = (events: CommitmentsEvent[]) => {
              for (const event of events) {
                const stored: RecordedEvent = {
                  streamId: 'commitments-ledger',
                  revision: recorded.length,
                  eventId: `e${recorded.length}`,
                  type: event.type,
                  schemaVersion: 1,
                  data: event.data as never,
                  metadata: {},
                  recordedAt: event.data.trace.recordedAt,
                  hash: '',
                  checkpoint: { commit: 0n, position: BigInt(recorded.length) },
                };
                const before = state;
                state = evolve(state, event);
                recorded.push(stored);
                rows.push(project(before, state, event, stored));
              }
            };
            append(scenario.history);
            ops.forEach((op, day) => {
              const decided = decisionOf(op, day + 1)(state, {
                eventId: `cmd-${day}`,
                recordedAt: `${dayOf(day + 1)}T10:00:00.000Z`,
              });
              if (isRefusal(decided)) return;
              append(decided);
              accepted++;
            });
            // In two pages, the second written twice from one row earlier (another process, a retry): the present's
            // figures, kept as pages are written, count each movement once.
            const cut = Math.floor(rows.length / 2);
            await projection.write(rows.slice(0, cut), cut - 1);
            await projection.write(rows.slice(cut), recorded.length - 1);
            await projection.write(rows.slice(cut - 1), recorded.length - 1);
            const points = [...new Set(ops.map((_, day) => day + 1))].flatMap((day) => [
              { asOf: dayOf(day) },
              { knownAt: `${dayOf(day)}T12:00:00.000Z` },
              { asOf: dayOf(day), knownAt: `${dayOf(day + 2)}T00:00:00.000Z` },
            ]);
            for (const at of [{}, ...points]) {
              const replayed = stateAt(recorded, at).state;
              const expected = [...replayed.commitments.values()]
                .map((c) => ({ id: c.id, status: c.status, figures: figuresOf(c) }))
                .sort((x, y) => x.id.localeCompare(y.id));
              const actual = (await projection.commitmentsAt(at)).map((c) => ({
                id: c.id,
                status: c.status,
                figures: c.figures,
              }));
              expect({ at, commitments: actual }).toEqual({ at, commitments: expected });
            }
            expect(await projection.disagreementsAt({})).toEqual([]);
            const replayedNow = stateAt(recorded, {}).state;
            const totals = replayedNow.ledger.totals.get('EUR');
            expect(await projection.totalsAt({})).toEqual({
              debitsPostedCents: totals?.debitsPostedCents ?? 0n,
              creditsPostedCents: totals?.creditsPostedCents ?? 0n,
              debitsPendingCents: totals?.debitsPendingCents ?? 0n,
              creditsPendingCents: totals?.creditsPendingCents ?? 0n,
            });
            expect(await projection.fundersAt({})).toEqual(
              await projection.fundersAt({ knownAt: '2999-01-01T00:00:00.000Z' }),
            );
            seen.accepted += accepted;
            seen.payments += recorded.filter((e) => e.type === 'commitments.payment-recorded').length;
          }
        },
      ),
      { numRuns: 100 },
    );
    // The histories were worth comparing: commitments paid, amended, released, resolved — not only refusals.
    expect(seen.payments).toBeGreaterThan(PAYMENTS_AT_LEAST);
    expect(seen.accepted).toBeGreaterThan(800);
  }, 300_000);
});
