import { accepted, refusalOf } from '@cvl/testing';
import { Scenario, trace } from '../test-support/scenario';
import { decideRegisterCondition } from './register-condition.decider';

describe('register a condition', () => {
  const register = (label: string) => (state: Scenario['state']) =>
    decideRegisterCondition(
      { conditionId: 'tfpb', label, description: 'TFPB', trace: trace({ reasonCode: 'intention' }) },
      state,
    );
  it('registers once; the same again is a no-op; another label under the same id is a conflict', () => {
    const s = new Scenario();
    expect(accepted(s.when(register('Éligibilité TFPB')))).toHaveLength(1);
    expect(s.state.conditions.get('tfpb')?.status).toBe('open');
    expect(accepted(s.when(register('Éligibilité TFPB')))).toEqual([]);
    expect(refusalOf(s.when(register('Autre')), 'condition-exists').kind).toBe('conflict');
  });
});
