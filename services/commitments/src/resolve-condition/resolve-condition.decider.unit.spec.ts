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
    // « a » cites the convention signed under the condition; « b » is an intention awaiting it.
    .given(
      commitment({
        commitmentId: 'a',
        amountCents: 100n,
        status: 'conditional',
        conditionId: 'tfpb',
        act: { reference: 'Convention sous condition suspensive 2015-9', date: '2015-06-30' },
      }),
    )
    .given(commitment({ commitmentId: 'b', amountCents: 250n, status: 'conditional', conditionId: 'tfpb' }))
    .given(commitment({ commitmentId: 'other', amountCents: 7n }));

describe('resolve a condition', () => {
  it('met: the condition no longer holds them back — each is as firm as its own act makes it, not the condition’s', () => {
    const s = awaiting(baseline(new Scenario()));
    const [event] = accepted(s.when(resolve('met')));
    if (event.type !== 'commitments.condition-resolved') throw new Error(event.type);
    expect(event.data.commitmentIds).toEqual(['a', 'b']);
    expect(event.data.statuses).toEqual({ a: 'firm', b: 'indicative' });
    expect(s.figures('a').firmCents).toBe(100n);
    expect(s.state.commitments.get('a')?.act?.reference).toBe('Convention sous condition suspensive 2015-9');
    // « b » is no longer conditional, still a reservation: firm only once its own act is signed.
    expect(s.figures('b')).toMatchObject({ indicativeCents: 250n, conditionalCents: 0n, firmCents: 0n });
    expect(s.state.ledger.accounts.get('commitment:b')?.creditsPendingCents).toBe(250n);
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
