import { baseline, commitment } from '../test-support/fixtures';
import { accepted, refusalOf } from '@cvl/testing';
import { Scenario, trace } from '../test-support/scenario';
import { decideResolveCondition } from './resolve-condition.decider';

const resolve =
  (outcome: 'met' | 'failed', conditionId = 'tfpb') =>
  (state: Scenario['state'], context: Parameters<typeof decideResolveCondition>[2]) =>
    decideResolveCondition(
      {
        conditionId,
        outcome,
        act: { reference: 'Courrier du ministère du Logement', date: '2016-06-30' },
        trace: trace({
          reasonCode: outcome === 'met' ? 'condition-remplie' : 'condition-defaillie',
          effectiveDate: '2016-06-30',
        }),
      },
      state,
      context,
    );

const awaiting = (s: Scenario) =>
  s
    .given(commitment({ commitmentId: 'a', amountCents: 100n, status: 'conditional', conditionId: 'tfpb' }))
    .given(commitment({ commitmentId: 'b', amountCents: 250n, status: 'conditional', conditionId: 'tfpb' }))
    .given(commitment({ commitmentId: 'other', amountCents: 7n }));

describe('resolve a condition', () => {
  it('met: every booking pending on it becomes firm at once', () => {
    const s = awaiting(baseline(new Scenario()));
    const [event] = accepted(s.when(resolve('met')));
    expect(event.type === 'commitments.condition-resolved' && event.data.commitmentIds).toEqual(['a', 'b']);
    expect(s.figures('a').firmCents).toBe(100n);
    expect(s.figures('b').firmCents).toBe(250n);
    expect(s.state.commitments.get('other')?.status).toBe('indicative');
    expect(s.state.conditions.get('tfpb')).toMatchObject({ status: 'met', resolvedOn: '2016-06-30' });
  });

  it('failed: every one is voided, the commitments lapse', () => {
    const s = awaiting(baseline(new Scenario()));
    accepted(s.when(resolve('failed')));
    expect(s.state.commitments.get('a')).toMatchObject({ status: 'lapsed', amountCents: 0n });
    expect(s.state.ledger.accounts.get('commitment:b')?.creditsPendingCents).toBe(0n);
  });

  it('refuses an unknown condition (404) and one already resolved (409)', () => {
    const s = awaiting(baseline(new Scenario()));
    expect(refusalOf(s.when(resolve('met', 'nope')), 'unknown-condition').kind).toBe('unknown');
    s.given(resolve('met'));
    expect(refusalOf(s.when(resolve('failed')), 'condition-resolved').kind).toBe('conflict');
  });
});
