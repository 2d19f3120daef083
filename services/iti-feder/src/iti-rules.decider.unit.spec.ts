import { decideAgree } from './agree-grant/agree-grant.decider';
import { decideAppraise, decideComplete } from './appraise-application/appraise-application.decider';
import { degagementForecast } from './degagement-forecast/degagement-forecast';
import { decideRecordAnswer } from './record-booking-answer/record-booking-answer.decider';
import { decideClaim, decidePay, decideServiceDone } from './payment-claims/payment-claims.decider';
import { decideProgram } from './program-operation/program-operation.decider';
import { decideRelease } from './release-unused/release-unused.decider';
import { decideAdoptStrategy, decideSetEnvelope } from './set-envelope/set-envelope.decider';
import { accepted, refusalOf } from '@cvl/testing';
import { application, envelope, ItiScenario, strategy, trace } from './test-support/scenario';

const act = { reference: 'Convention FEDER 2016-17', date: '2016-07-01' };
const through = (s: ItiScenario, id: string) =>
  s
    .given((st) => decideComplete(id, trace(), st))
    .given((st) => decideAppraise(id, trace(), st))
    .given((st) => decideProgram(id, '2016-06-15', trace('2016-06-15'), st));

describe('ITI envelope and strategy', () => {
  it('sets the envelope by axis (81 M€) and versions each avenant, never below what is programmed', () => {
    const s = new ItiScenario().given(envelope);
    expect(s.state?.axes.map((a) => a.amount)).toEqual(['12000000.00', '6000000.00', '36000000.00', '27000000.00']);
    refusalOf(s.when(envelope), 'act-required');
    s.given(strategy).given(application('op1'));
    through(s, 'op1');
    const avenant = (callShareCents: bigint) => (st: ItiScenario['state']) =>
      decideSetEnvelope(
        {
          programmeId: 'iti-call',
          axes: [{ axis: 3, label: 'Axe 3', amountCents: 3_600_000_000n, callShareCents }],
          act: { reference: 'Avenant ITI n° 1', date: '2015-12-31' },
          trace: trace('2015-12-31'),
        },
        st,
      );
    expect(refusalOf(s.when(avenant(50_000_000n)), 'below-programmed').excessCents).toBe(30_000_000n);
    accepted(s.when(avenant(400_000_000n)));
    expect(s.state?.envelopeVersion).toBe(2);
    expect(s.state?.envelopeHistory.map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses a share above the regional envelope, unknown axes and priorities', () => {
    const s = new ItiScenario();
    refusalOf(
      s.when((st) =>
        decideSetEnvelope(
          { programmeId: 'p', axes: [{ axis: 3, label: 'x', amountCents: 10n, callShareCents: 11n }], trace: trace() },
          st,
        ),
      ),
      'share-above-envelope',
    );
    refusalOf(
      s.when((st) =>
        decideSetEnvelope({ programmeId: 'p', axes: [{ axis: 9, label: 'x', amountCents: 10n }], trace: trace() }, st),
      ),
      'unknown-axis',
    );
    refusalOf(
      s.when((st) =>
        decideSetEnvelope(
          { programmeId: 'p', axes: [{ axis: 3, label: 'x', amountCents: 10n, priorities: ['6c'] }], trace: trace() },
          st,
        ),
      ),
      'unknown-priority',
    );
  });

  it('a strategy combines at least two axes', () => {
    const s = new ItiScenario().given(envelope);
    refusalOf(
      s.when((st) => decideAdoptStrategy({ axes: [3, 3], trace: trace() }, st)),
      'strategy-single-axis',
    );
    accepted(s.when(strategy));
    refusalOf(s.when(application('op-axe-1', { axis: 1, priority: '1a' })), 'axis-outside-strategy');
  });
});

describe('applications: FEDER rate, over-financing, priorities', () => {
  it('refuses a FEDER rate above the cap, with the excess', () => {
    const s = new ItiScenario().given(envelope).given(strategy);
    expect(
      refusalOf(s.when(application('op', { federCents: 120_000_000n, coFunders: [] })), 'feder-rate-above-cap')
        .excessCents,
    ).toBe(20_000_000n);
    accepted(s.when(application('op', { federCents: 100_000_000n, coFunders: [] })));
  });
  it('refuses aid above the eligible cost, a priority foreign to the axis, a 4c application without dwellings', () => {
    const s = new ItiScenario().given(envelope).given(strategy);
    expect(
      refusalOf(
        s.when(application('op', { coFunders: [{ funder: 'region', amountCents: 130_000_000n }] })),
        'over-financed',
      ).excessCents,
    ).toBe(10_000_000n);
    refusalOf(s.when(application('op', { priority: '6c' })), 'priority-outside-axis');
    refusalOf(s.when(application('op', { dwellings: [] })), 'dwellings-required');
    refusalOf(s.when(application('op', { coFunders: [{ funder: 'feder', amountCents: 1n }] })), 'duplicate-funder');
  });
});

describe('eligibility: priority 4c, consumption after works below 104 kWh/m²/year (130 in class G)', () => {
  const appraise = (dwellings: Array<{ id: string; classBefore: 'F' | 'G' | 'E'; consumptionAfter: number }>) => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op', { dwellings }));
    s.given((st) => decideComplete('op', trace(), st));
    const [event] = accepted(s.when((st) => decideAppraise('op', trace(), st)));
    if (event.type !== 'iti-feder.application-appraised') throw new Error(event.type);
    return event.data;
  };
  it.each([
    [103, 'F', true],
    [104, 'F', false],
    [105, 'F', false],
    [129, 'G', true],
    [130, 'G', false],
    [131, 'G', false],
    [104, 'G', true],
    [129, 'E', false],
  ] as const)('%i kWh/m²/an in class %s → eligible: %s', (consumptionAfter, classBefore, eligible) => {
    const decision = appraise([{ id: 'L1', classBefore, consumptionAfter }]);
    expect(decision.eligible).toBe(eligible);
    expect(decision.checks[0].explanation).toContain(`${consumptionAfter} kWh/m²/an`);
    expect(decision.checks[0].explanation).toContain(eligible ? 'conforme' : 'non conforme');
  });
  it('one failing dwelling rejects the application and names it', () => {
    const decision = appraise([
      { id: 'L1', classBefore: 'F', consumptionAfter: 90 },
      { id: 'L2', classBefore: 'F', consumptionAfter: 110 },
    ]);
    expect(decision.eligible).toBe(false);
    expect(decision.checks.filter((c) => !c.passed).map((c) => c.explanation)).toEqual([
      expect.stringContaining('logement L2'),
    ]);
  });
});

describe('programming, payments and release', () => {
  it('never programs an axis beyond its envelope, and says by how much', () => {
    const s = new ItiScenario().given(envelope).given(strategy);
    s.given((st) =>
      decideSetEnvelope(
        {
          programmeId: 'iti-call',
          axes: [
            { axis: 3, label: 'Axe 3', amountCents: 3_600_000_000n, callShareCents: 100_000_000n },
            { axis: 4, label: 'Axe 4', amountCents: 2_700_000_000n },
          ],
          act: { reference: 'Avenant', date: '2015-12-31' },
          trace: trace(),
        },
        st,
      ),
    );
    s.given(application('op1')).given(
      application('op2', { federCents: 30_000_000n, eligibleCostCents: 100_000_000n, coFunders: [] }),
    );
    through(s, 'op1');
    s.given((st) => decideComplete('op2', trace(), st)).given((st) => decideAppraise('op2', trace(), st));
    const refused = refusalOf(
      s.when((st) => decideProgram('op2', '2016-06-15', trace(), st)),
      'axis-envelope-exceeded',
    );
    expect(refused.excessCents).toBe(10_000_000n);
    expect(refused.message).toContain('100 000,00 €');
  });

  it('pays within the rate and the programmed FEDER, checks over-financing at the solde, releases the unused part', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    through(s, 'op');
    s.given((st) => decideAgree('op', act, trace('2016-07-01'), st));
    for (const funder of ['region', 'call'])
      s.given((st) =>
        decideRecordAnswer(
          {
            operationId: 'op',
            funder,
            requestId: `r-${funder}`,
            outcome: 'booked',
            amount: funder === 'region' ? '400000.00' : '200000.00',
            trace: trace(),
          },
          st,
        ),
      );
    s.given((st) => decideClaim('op', 'c1', 100_000_000n, false, trace('2017-03-01'), st));
    const [checked] = accepted(s.when((st) => decideServiceDone('op', 'c1', 90_000_000n, trace('2017-04-01'), st)));
    expect(checked.type === 'iti-feder.service-done-checked' && checked.data.payableFeder).toBe('360000.00');
    refusalOf(
      s.when((st) => decideServiceDone('op', 'c1', 1n, trace(), st)),
      'claim-checked',
    );
    s.given((st) => decidePay('op', 'c1', trace('2017-04-15'), st));
    refusalOf(
      s.when((st) => decidePay('op', 'c1', trace(), st)),
      'nothing-due',
    );
    refusalOf(
      s.when((st) => decideRelease('op', trace(), st)),
      'final-not-paid',
    );
    s.given((st) => decideClaim('op', 'c2', 80_000_000n, true, trace('2018-03-01'), st));
    const [solde] = accepted(s.when((st) => decideServiceDone('op', 'c2', 80_000_000n, trace('2018-04-01'), st)));
    // 1 700 000 € of expenses; region and CALL booked 600 000 €: FEDER may not take aid above the expenses,
    // and by rate (40 %) it is due 680 000 € in all; 360 000 € already paid.
    expect(solde.type === 'iti-feder.service-done-checked' && solde.data).toMatchObject({
      payableFeder: '320000.00',
      publicAid: '1280000.00',
    });
    s.given((st) => decidePay('op', 'c2', trace('2018-04-15'), st));
    const [released] = accepted(s.when((st) => decideRelease('op', trace('2018-05-01'), st)));
    expect(released.type === 'iti-feder.unused-released' && released.data.amount).toBe('120000.00');
    expect(s.state?.operations.get('op')).toMatchObject({
      status: 'closed',
      paidCents: 68_000_000n,
      releasedCents: 12_000_000n,
    });
    refusalOf(
      s.when((st) => decideClaim('op', 'c3', 1n, false, trace(), st)),
      'not-agreed',
    );
  });

  it('the over-financing check leaves no FEDER when the co-funders already cover the expenses', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    through(s, 'op');
    s.given((st) => decideAgree('op', act, trace('2016-07-01'), st));
    s.given((st) =>
      decideRecordAnswer(
        { operationId: 'op', funder: 'region', requestId: 'r', outcome: 'booked', amount: '400000.00', trace: trace() },
        st,
      ),
    );
    s.given((st) => decideClaim('op', 'c1', 30_000_000n, true, trace(), st));
    expect(
      refusalOf(
        s.when((st) => decideServiceDone('op', 'c1', 30_000_000n, trace(), st)),
        'over-financed',
      ).excessCents,
    ).toBe(10_000_000n);
  });

  it('forecasts the n+3 dégagement: what remains per tranche, by when, and what is at risk today', () => {
    const s = new ItiScenario()
      .given(envelope)
      .given(strategy)
      .given(application('op', { tranche: 2016 }));
    through(s, 'op');
    const state = s.state;
    if (!state) throw new Error('state');
    expect(degagementForecast(state, '2017-06-01')).toEqual([
      expect.objectContaining({ tranche: 2016, deadline: '2019-12-31', remaining: '800000.00', atRisk: '0.00' }),
    ]);
    const late = degagementForecast(state, '2019-02-01')[0];
    expect(late).toMatchObject({ atRisk: '800000.00' });
    expect(late.explanation).toContain('31/12/2019');
  });
});
