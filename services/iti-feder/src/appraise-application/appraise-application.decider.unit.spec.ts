import { accepted } from '@cvl/testing';
import { decideCompleteApplication } from '../complete-application/complete-application.decider';
import { decideAppraiseApplication } from './appraise-application.decider';
import { application, envelope, ItiScenario, strategy, trace } from '../test-support/scenario';

describe('eligibility: priority 4c, consumption after works below 104 kWh/m²/year (130 in class G)', () => {
  const appraise = (dwellings: Array<{ id: string; classBefore: 'F' | 'G' | 'E'; consumptionAfter: number }>) => {
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
