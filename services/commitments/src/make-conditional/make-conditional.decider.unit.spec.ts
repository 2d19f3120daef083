import { baseline, commitment } from '../test-support/fixtures';
import { accepted, refusalOf } from '@cvl/testing';
import { Scenario, trace } from '../test-support/scenario';
import { decideResolveCondition } from '../resolve-condition/resolve-condition.decider';
import { decideMakeConditional } from './make-conditional.decider';

const makeConditional =
  (commitmentId: string, conditionId = 'tfpb') =>
  (state: Scenario['state']) =>
    decideMakeConditional(
      { commitmentId, conditionId, trace: trace({ reasonCode: 'intention', effectiveDate: '2015-09-01' }) },
      state,
    );

describe('make an intention conditional', () => {
  it('keeps the reserved amount, now awaiting the condition', () => {
    const s = baseline(new Scenario()).given(commitment({ commitmentId: 'c1', amountCents: 10n }));
    accepted(s.when(makeConditional('c1')));
    expect(s.state.commitments.get('c1')).toMatchObject({
      status: 'conditional',
      conditionId: 'tfpb',
      amountCents: 10n,
      version: 1,
    });
  });

  it('refuses an unknown commitment (404), a non-indicative one, an unknown or lifted condition', () => {
    const s = baseline(new Scenario())
      .given(commitment({ commitmentId: 'c1', amountCents: 10n }))
      .given(
        commitment({
          commitmentId: 'c2',
          amountCents: 10n,
          status: 'firm',
          act: { reference: 'a', date: '2015-01-01' },
        }),
      );
    expect(refusalOf(s.when(makeConditional('zz')), 'unknown-commitment').kind).toBe('unknown');
    refusalOf(s.when(makeConditional('c2')), 'not-indicative');
    refusalOf(s.when(makeConditional('c1', 'nope')), 'unknown-condition');
    s.given((state, context) =>
      decideResolveCondition(
        { conditionId: 'tfpb', outcome: 'failed', trace: trace({ reasonCode: 'condition-defaillie' }) },
        state,
        context,
      ),
    );
    refusalOf(s.when(makeConditional('c1')), 'condition-resolved');
  });
});
