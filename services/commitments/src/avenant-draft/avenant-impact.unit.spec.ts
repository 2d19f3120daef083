import { decidedUnderCaps } from '../domain/co-financing';
import type { CommitmentsState } from '../domain/state';
import { baseline, commitment, funder, operation } from '../test-support/fixtures';
import { amend, firmed, pay } from '../test-support/lifecycle';
import { Scenario, trace, type Decide } from '../test-support/scenario';
import { euTranches } from '../domain/eu-tranches';
import { avenantImpact, fundersConcerned } from './avenant-impact';
import { simulateAvenant, type SimulationStep } from './simulate-avenant';

const act = { reference: 'Convention FEDER 2017-3', date: '2017-03-01' };

/**
 * The FEDER's two tranches: 100 000 € firm in 2016 (f16, firmed on 01/02/2016), 50 000 € firm in 2017 (f17, recorded
 * firm on 01/03/2017); 60 000 € paid on f16. Beside them, the Région's 300 000 € and Maisons et Cités' 700 000 € on
 * the operation « rehab-grande-residence » (eligible base 1 000 000 €).
 */
function contract(): Scenario {
  return baseline(new Scenario())
    .given(funder('feder', 'eu'))
    .given(operation())
    .given(commitment({ commitmentId: 'f16', funder: 'feder', amountCents: 100_000_00n }))
    .given(firmed('f16'))
    .given(pay('f16', 'p1', 'acompte', 60_000_00n))
    .given(
      commitment({
        commitmentId: 'f17',
        funder: 'feder',
        status: 'firm',
        act,
        amountCents: 50_000_00n,
        attribution: { label: 'FEDER 2017', year: 2017, scale: 'CALL' },
        trace: trace({ reasonCode: 'engagement-juridique', effectiveDate: '2017-03-01' }),
      }),
    )
    .given(
      commitment({
        commitmentId: 'region-rehab',
        funder: 'region',
        amountCents: 300_000_00n,
        attribution: { label: 'Part Région', year: 2017, scale: 'CALL', operation: 'rehab-grande-residence' },
      }),
    )
    .given(
      commitment({
        commitmentId: 'mc-rehab',
        funder: 'mc',
        amountCents: 700_000_00n,
        attribution: { label: 'Part MC', year: 2017, scale: 'CALL', operation: 'rehab-grande-residence' },
      }),
    );
}

const step = (decide: Decide, subject: string): SimulationStep => ({
  action: 'modifier-montant',
  subject,
  // As the command's handler decides: its decider, then the co-financing guard.
  decide: (state) => {
    const context = { eventId: `sim-${subject}`, recordedAt: '2018-01-15T09:00:00.000Z' };
    return decidedUnderCaps(state, decide(state, context), context.recordedAt);
  },
});

describe('the impact of a draft avenant', () => {
  it('counts the EU tranches under n+3: payments settle the oldest tranche first', () => {
    const tranches = euTranches(contract().state);
    expect([...tranches.keys()]).toEqual(['feder']);
    // 60 000 paid: tranche 2016 keeps 40 000 to pay (by 31/12/2019), tranche 2017 all its 50 000 (by 31/12/2020).
    expect([...(tranches.get('feder') ?? [])]).toEqual([
      [2016, { engaged: 100_000_00n, remaining: 40_000_00n }],
      [2017, { engaged: 50_000_00n, remaining: 50_000_00n }],
    ]);
  });

  it('lists only what moves: per funder, commitment, operation, year and tranche — to the cent, before and after', () => {
    const before = contract().state;
    const { state: after, outcomes } = simulateAvenant(before, [
      // The FEDER's 2017 grant raised to 80 000 € by an avenant of 2018: 30 000 € more, firm in 2018.
      step(amend('f17', 80_000_00n, 'avenant', { act }), 'f17'),
      // The Région's share cut to 250 000 €, Maisons et Cités' raised to 750 000 €: the operation stays at 1 000 000.
      step(amend('region-rehab', 250_000_00n), 'region-rehab'),
      step(amend('mc-rehab', 750_000_00n), 'mc-rehab'),
    ]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['accepte', 'accepte', 'accepte']);
    const impact = avenantImpact(before, after);
    expect(
      impact.funders.map((f) => [f.funder, f.firm.before, f.firm.after, f.reserved.before, f.reserved.after]),
    ).toEqual([
      ['feder', '150000.00', '180000.00', '0.00', '0.00'],
      ['mc', '0.00', '0.00', '700000.00', '750000.00'],
      ['region', '0.00', '0.00', '300000.00', '250000.00'],
    ]);
    expect(impact.commitments.map((c) => [c.commitmentId, c.amount.delta, c.amount.formatted.delta])).toEqual([
      ['f17', '30000.00', '+30 000,00 €'],
      ['mc-rehab', '50000.00', '+50 000,00 €'],
      ['region-rehab', '-50000.00', '-50 000,00 €'],
    ]);
    expect(impact.operations).toHaveLength(1);
    expect(impact.operations[0].total).toMatchObject({ before: '1000000.00', after: '1000000.00', delta: '0.00' });
    expect(impact.operations[0].funders.map((f) => [f.funder, f.delta])).toEqual([
      ['mc', '50000.00'],
      ['region', '-50000.00'],
    ]);
    // AE: 30 000 € firm in 2018 (the avenant's effective year); reserved: the two shares of 2017, net zero (not listed).
    expect(impact.years.map((y) => [y.year, y.engaged.delta, y.reserved.delta])).toEqual([[2018, '30000.00', '0.00']]);
    // n+3: a new tranche 2018 of 30 000 €, all to pay by 31/12/2021; the older ones do not move.
    expect(impact.euPace).toEqual([
      expect.objectContaining({
        funder: 'feder',
        tranche: 2018,
        deadline: '2021-12-31',
        engaged: expect.objectContaining({ before: '0.00', after: '30000.00' }),
        remaining: expect.objectContaining({ before: '0.00', after: '30000.00' }),
      }),
    ]);
    expect(fundersConcerned(impact)).toEqual(['feder', 'mc', 'region']);
  });

  it('leaves the state as it was after a refused change, tells it with its field, and goes on with the next', () => {
    const before = contract().state;
    const { state: after, outcomes } = simulateAvenant(before, [
      // The Région's share to 1 100 000 €: aid beyond the 1 000 000 € eligible (Maisons et Cités, the owner, gives
      // none: its share is its own), 100 000 € over the cap of aid within the expense.
      { ...step(amend('region-rehab', 1_100_000_00n), 'region-rehab'), fieldPrefix: '' },
      step(amend('mc-rehab', 750_000_00n), 'mc-rehab'),
    ]);
    expect(outcomes[0]).toMatchObject({
      outcome: 'refuse',
      refusal: { code: 'co-financing-exceeded', excess: '100000.00', excessFormatted: '100 000,00 €' },
    });
    expect(outcomes[0].refusal?.field).toMatch(/^changes\[0\]\./);
    expect(outcomes[1]).toMatchObject({ outcome: 'accepte', bookings: 1 });
    expect(after.commitments.get('region-rehab')?.amountCents).toBe(300_000_00n);
    expect(after.commitments.get('mc-rehab')?.amountCents).toBe(750_000_00n);
    // The fork never touched the state it started from.
    expect(before.commitments.get('mc-rehab')?.amountCents).toBe(700_000_00n);
  });

  it('shows nothing when nothing moves', () => {
    const state: CommitmentsState = contract().state;
    expect(avenantImpact(state, state)).toEqual({
      funders: [],
      commitments: [],
      operations: [],
      years: [],
      euPace: [],
    });
  });
});
