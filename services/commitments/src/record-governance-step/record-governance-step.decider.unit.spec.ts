import { accepted, refusalOf } from '@cvl/testing';
import type { GovernanceStepRecorded } from '../domain/events';
import { baseline } from '../test-support/fixtures';
import { Scenario, trace } from '../test-support/scenario';
import { decideRecordGovernanceStep } from './record-governance-step.decider';

const step =
  (stepId: string, overrides: Partial<GovernanceStepRecorded> = {}) =>
  (state: Scenario['state']) =>
    decideRecordGovernanceStep(
      {
        stepId,
        kind: 'revoyure',
        label: 'Clause de revoyure de la Région',
        window: { from: '2016-01-01', to: '2016-12-31' },
        status: 'prevu',
        effect: 'définit les moyens 2016-2020',
        funders: ['region'],
        trace: trace({ reasonCode: 'referentiel' }),
        ...overrides,
      },
      state,
    );

describe('record a step of the contract’s governance', () => {
  it('records a step once; the same again is nothing new; another content under its id is a conflict', () => {
    const s = baseline(new Scenario());
    expect(accepted(s.when(step('region-revoyure')))).toHaveLength(1);
    expect(s.state.governance.get('region-revoyure')?.window).toEqual({ from: '2016-01-01', to: '2016-12-31' });
    expect(accepted(s.when(step('region-revoyure')))).toEqual([]);
    const other = step('region-revoyure', { status: 'realise' });
    expect(refusalOf(s.when(other), 'governance-step-exists').field).toBe('stepId');
  });

  it('refuses a window that runs backwards or is no date, an unknown funder, condition or line', () => {
    const s = baseline(new Scenario());
    const backwards = step('x', { window: { from: '2016-12-31', to: '2016-01-01' } });
    expect(refusalOf(s.when(backwards), 'governance-window').field).toBe('window');
    expect(refusalOf(s.when(step('x', { window: { from: '2016-02-30', to: '2016-03-01' } })), 'governance-window'));
    expect(refusalOf(s.when(step('x', { funders: ['nobody'] })), 'unknown-funder').field).toBe('funders[0]');
    expect(refusalOf(s.when(step('x', { conditionId: 'absente' })), 'unknown-condition').field).toBe('conditionId');
    expect(refusalOf(s.when(step('x', { figureIds: ['absent'] })), 'unknown-figure').field).toBe('figureIds[0]');
    expect(accepted(s.when(step('tfpb', { kind: 'condition', status: 'attendu', conditionId: 'tfpb' })))).toHaveLength(
      1,
    );
  });
});
