import type { Dwelling } from '../domain/rules';
import { accepted } from '@cvl/testing';
import { decideCompleteApplication } from '../complete-application/complete-application.decider';
import { decideAppraiseApplication } from './appraise-application.decider';
import { application, envelope, ItiScenario, strategy, trace } from '../test-support/scenario';

describe('eligibility: priority 4c, consumption after works below 104 kWh/m²/year (130 in class G)', () => {
  const appraise = (dwellings: Dwelling[]) => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op', { dwellings }));
    s.given((st) => decideCompleteApplication({ operationId: 'op', trace: trace() }, st));
    const [event] = accepted(s.when((st) => decideAppraiseApplication({ operationId: 'op', trace: trace() }, st)));
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
  it('excludes a failing dwelling with its reason, and the rest proceeds with its cost and aid cut pro rata', () => {
    const decision = appraise([
      { id: 'L1', classBefore: 'F', consumptionAfter: 90 },
      { id: 'L2', classBefore: 'F', consumptionAfter: 110 },
      { id: 'L3', classBefore: 'G', consumptionAfter: 120 },
      { id: 'L4', classBefore: 'F', consumptionAfter: 80 },
    ]);
    expect(decision.eligible).toBe(true);
    expect(decision.excluded).toEqual([
      { dwelling: 'L2', reason: expect.stringContaining('logement L2 (classe F avant travaux) : 110 kWh/m²/an') },
    ]);
    // 2 000 000,00 € for four dwellings, none costed: three kept, 1 500 000,00 €; FEDER and Région in proportion.
    expect(decision.retained).toEqual({
      dwellings: 3,
      of: 4,
      basis: 'pro-rata',
      eligibleCost: '1500000.00',
      feder: '600000.00',
      coFunders: [
        { funder: 'region', amount: '300000.00' },
        { funder: 'call', amount: '150000.00' },
      ],
    });
  });

  it('takes off an excluded dwelling’s own cost when every dwelling states one, rounding aid down to the cent', () => {
    const decision = appraise([
      { id: 'L1', classBefore: 'F', consumptionAfter: 90, eligibleCost: '1333333.33' },
      { id: 'L2', classBefore: 'F', consumptionAfter: 110, eligibleCost: '666666.67' },
    ]);
    expect(decision.retained).toMatchObject({
      basis: 'dwelling-costs',
      eligibleCost: '1333333.33',
      feder: '533333.33',
      coFunders: [
        { funder: 'region', amount: '266666.66' },
        { funder: 'call', amount: '133333.33' },
      ],
    });
  });

  it('checks no dwelling of a priority no energy rule governs, and excludes none', () => {
    const s = new ItiScenario()
      .given(envelope)
      .given(strategy)
      .given(application('op', { priority: '4a', dwellings: [{ id: 'L1', classBefore: 'G', consumptionAfter: 400 }] }));
    s.given((st) => decideCompleteApplication({ operationId: 'op', trace: trace() }, st));
    const [event] = accepted(s.when((st) => decideAppraiseApplication({ operationId: 'op', trace: trace() }, st)));
    expect(event).toMatchObject({ data: { eligible: true, checks: [] } });
    expect(event.data).not.toHaveProperty('excluded');
  });

  it('rejects the application only when none of its dwellings passes, naming each', () => {
    const decision = appraise([
      { id: 'L1', classBefore: 'F', consumptionAfter: 105 },
      { id: 'L2', classBefore: 'F', consumptionAfter: 110 },
    ]);
    expect(decision.eligible).toBe(false);
    expect(decision.excluded).toBeUndefined();
    expect(decision.checks.filter((c) => !c.passed).map((c) => c.explanation)).toEqual([
      expect.stringContaining('logement L1'),
      expect.stringContaining('logement L2'),
    ]);
  });
});
