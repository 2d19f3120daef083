import { accepted, refusalOf } from '@cvl/testing';
import { decideRecordPayment } from '../record-payment/record-payment.decider';
import { decideReleaseCommitment } from '../release-commitment/release-commitment.decider';
import { figuresOf } from '../domain/figures';
import { baseline, commitment } from '../test-support/fixtures';
import { amend, firmed } from '../test-support/lifecycle';
import { Scenario, trace, type Decide } from '../test-support/scenario';
import { aeCpTable } from './ae-cp';
import { apCpAnnex } from './ap-cp-annex';
import { apCpAnnexReport } from './ap-cp-annex.report';

const payIn =
  (paymentId: string, amountCents: bigint, effectiveDate: string): Decide =>
  (state, context) =>
    decideRecordPayment(
      {
        commitmentId: 'c1',
        paymentId,
        kind: 'acompte',
        amountCents,
        serviceDoneDate: effectiveDate,
        trace: trace({ reasonCode: 'paiement', effectiveDate }),
      },
      state,
      context,
    );

describe('AE/CP of a funder, year by year', () => {
  it('engages in the year it firms, amends and releases, pays in the year it pays, and adds up to the ledger', () => {
    const s = baseline(new Scenario())
      .given(
        commitment({
          commitmentId: 'c1',
          amountCents: 1_000_000_00n,
          schedule: {
            fromYear: 2016,
            toYear: 2018,
            planned: [
              { year: 2016, amountCents: 300_000_00n },
              { year: 2017, amountCents: 500_000_00n },
            ],
          },
        }),
      )
      .given(firmed('c1')) // 2016-02-01: 1 000 000,00 € engaged
      .given(payIn('p1', 250_000_00n, '2016-11-01'))
      .given(payIn('p2', 400_000_00n, '2017-06-01'))
      .given(amend('c1', 1_200_000_00n)) // 2018-01-15: + 200 000,00 €
      .given((state, context) =>
        decideReleaseCommitment(
          {
            commitmentId: 'c1',
            amountCents: 50_000_00n,
            trace: trace({ reasonCode: 'degagement', effectiveDate: '2019-03-01' }),
          },
          state,
          context,
        ),
      );
    const table = aeCpTable(s.state, 'mc');
    expect(table.rows.map((r) => [r.year, r.engaged, r.paid, r.remaining, r.planned])).toEqual([
      [2016, '1000000.00', '250000.00', '750000.00', '300000.00'],
      [2017, '0.00', '400000.00', '350000.00', '500000.00'],
      [2018, '200000.00', '0.00', '550000.00', '0.00'],
      [2019, '-50000.00', '0.00', '500000.00', '0.00'],
    ]);
    // To the cent: Σ AE = firm, Σ CP = paid, the last restes à payer = the ledger's outstanding.
    const figures = figuresOf(s.state.commitments.get('c1') ?? (undefined as never));
    expect(table.totals).toEqual({
      engaged: '1150000.00',
      paid: '650000.00',
      remaining: '500000.00',
      planned: '800000.00',
    });
    expect([figures.firmCents, figures.paidCents, figures.outstandingCents]).toEqual([
      1_150_000_00n,
      650_000_00n,
      500_000_00n,
    ]);
    expect(table.schedules).toEqual([
      {
        commitmentId: 'c1',
        fromYear: 2016,
        toYear: 2018,
        planned: [
          { year: 2016, amount: '300000.00' },
          { year: 2017, amount: '500000.00' },
        ],
      },
    ]);
    expect(table.rows[0].formatted.engaged).toBe('1 000 000,00 €');
    // The contract's table sums every funder's: here Maisons et Cités' alone; a funder with none has no row.
    expect(aeCpTable(s.state, undefined)).toMatchObject({ funder: 'contrat', totals: table.totals });
    expect(aeCpTable(s.state, 'region').rows).toEqual([]);
  });

  it('keeps a window as a window, and refuses a schedule that leaves it or plans more than the commitment', () => {
    const s = baseline(new Scenario());
    const scheduled = (planned: Array<{ year: number; amountCents: bigint }>, toYear = 2018) =>
      commitment({ commitmentId: 'w', amountCents: 100_00n, schedule: { fromYear: 2017, toYear, planned } });
    expect(refusalOf(s.when(scheduled([], 2016)), 'schedule-invalid').field).toBe('schedule.toYear');
    expect(refusalOf(s.when(scheduled([{ year: 2019, amountCents: 1n }])), 'schedule-invalid').field).toBe(
      'schedule.planned[0].year',
    );
    expect(refusalOf(s.when(scheduled([{ year: 2017, amountCents: 100_01n }])), 'schedule-invalid').excessCents).toBe(
      1n,
    );
    accepted(s.when(scheduled([])));
    expect(s.state.commitments.get('w')?.schedule).toEqual({ fromYear: 2017, toYear: 2018, planned: [] });
  });
});

describe('the AP/CP annex of a funder’s budget for a year', () => {
  const scenario = () =>
    baseline(new Scenario())
      .given(
        commitment({
          commitmentId: 'c1',
          amountCents: 1_000_000_00n,
          schedule: {
            fromYear: 2016,
            toYear: 2018,
            planned: [
              { year: 2016, amountCents: 300_000_00n },
              { year: 2017, amountCents: 500_000_00n },
              { year: 2018, amountCents: 200_000_00n },
            ],
          },
        }),
      )
      .given(firmed('c1'))
      .given(payIn('p1', 250_000_00n, '2016-11-01'))
      .given(payIn('p2', 400_000_00n, '2017-06-01'))
      .given(commitment({ commitmentId: 'c2', amountCents: 80_000_00n }));

  it('makes each commitment an AP: CP before, of and after the year, and what remains to finance', () => {
    const annex = apCpAnnex(scenario().state, 'mc', 2017);
    expect(annex.lines.map((l) => [l.commitmentId, l.state, l.authorised, l.paidBefore, l.paidInYear])).toEqual([
      ['c1', 'votée', '1000000.00', '250000.00', '400000.00'],
      ['c2', 'prévue', '80000.00', '0.00', '0.00'],
    ]);
    expect(annex.lines[0]).toMatchObject({
      plannedInYear: '500000.00',
      plannedLater: '200000.00',
      remaining: '350000.00',
    });
    // AP − CP before − CP of the year = what remains, line by line and in total.
    expect(annex.totals).toMatchObject({ authorised: '1080000.00', paidBefore: '250000.00', remaining: '430000.00' });
    const report = apCpAnnexReport(annex, '2026-12-04T10:00:00.000Z');
    expect(report.title).toBe(
      // The baseline records no name for « mc »: its code stands in.
      'Situation des autorisations de programme et crédits de paiement — mc — exercice 2017',
    );
    expect(report.tables[0].totals?.slice(3)).toEqual([
      108_000_000n,
      25_000_000n,
      40_000_000n,
      50_000_000n,
      20_000_000n,
      43_000_000n,
    ]);
  });

  it('counts the CP of a year in that year only; a funder with no commitment has no AP', () => {
    const earlier = apCpAnnex(scenario().state, 'mc', 2016);
    expect(earlier.lines[0]).toMatchObject({ paidBefore: '0.00', paidInYear: '250000.00', remaining: '750000.00' });
    expect(apCpAnnex(scenario().state, 'personne', 2017).lines).toEqual([]);
  });
});
