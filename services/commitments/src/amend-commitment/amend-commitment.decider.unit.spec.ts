import { baseline, commitment, envelope } from '../test-support/fixtures';
import { amend, firmed, pay } from '../test-support/lifecycle';
import { accepted, refusalOf } from '@cvl/testing';
import { Scenario, trace } from '../test-support/scenario';

const avenantAct = { reference: 'Avenant n° 1', date: '2018-02-01' };

describe('amend a commitment (avenant, clause de revoyure, correction)', () => {
  it('a clause de revoyure raises a firm commitment by booking the difference, with before and after', () => {
    const s = baseline(new Scenario())
      .given(commitment({ commitmentId: 'c1', amountCents: 1_000n }))
      .given(firmed('c1'));
    const [event] = accepted(s.when(amend('c1', 1_500n)));
    expect(event.type === 'commitments.commitment-amended' && [event.data.before, event.data.after]).toEqual([
      '10.00',
      '15.00',
    ]);
    expect(s.figures('c1').firmCents).toBe(1_500n);
  });

  it('lowers a firm commitment by a reversing booking, never below what is paid', () => {
    const s = baseline(new Scenario())
      .given(commitment({ commitmentId: 'c1', amountCents: 1_000n }))
      .given(firmed('c1'))
      .given(pay('c1', 'p1', 'avance', 600n, null));
    const below = refusalOf(s.when(amend('c1', 500n)), 'below-paid');
    expect(below.excessCents).toBe(100n);
    accepted(s.when(amend('c1', 600n)));
    expect(s.figures('c1')).toMatchObject({ firmCents: 600n, paidCents: 600n, outstandingCents: 0n });
  });

  it('replaces the reservation of an indicative or conditional commitment', () => {
    const s = baseline(new Scenario()).given(
      commitment({ commitmentId: 'c1', amountCents: 1_000n, status: 'conditional', conditionId: 'tfpb' }),
    );
    accepted(s.when(amend('c1', 400n)));
    expect(s.figures('c1').conditionalCents).toBe(400n);
    expect(s.state.ledger.accounts.get('commitment:c1')?.creditsPendingCents).toBe(400n);
  });

  it('an avenant to a firm commitment cites the signed avenant; refuses an unchanged amount and a reason that is not the kind', () => {
    const s = baseline(new Scenario())
      .given(commitment({ commitmentId: 'c1', amountCents: 1_000n }))
      .given(firmed('c1'));
    refusalOf(s.when(amend('c1', 1_200n, 'avenant')), 'act-required');
    accepted(s.when(amend('c1', 1_200n, 'avenant', { act: avenantAct })));
    expect(refusalOf(s.when(amend('c1', 1_200n)), 'amount-unchanged').kind).toBe('conflict');
    refusalOf(
      s.when(amend('c1', 900n, 'clause-de-revoyure', { trace: trace({ reasonCode: 'avenant' }) })),
      'reason-mismatch',
    );
  });

  it('refuses a raise beyond the envelope, and any change to a lapsed commitment', () => {
    const s = baseline(new Scenario())
      .given(envelope('e', 'mc', 1_000n))
      .given(commitment({ commitmentId: 'c1', envelopeId: 'e', amountCents: 800n }))
      .given(firmed('c1'));
    expect(refusalOf(s.when(amend('c1', 1_250n)), 'envelope-exceeded').excessCents).toBe(250n);
    s.given(commitment({ commitmentId: 'c2', amountCents: 5n, status: 'conditional', conditionId: 'tfpb' }));
    s.given((state, context) =>
      require('../resolve-condition/resolve-condition.decider').decideResolveCondition(
        { conditionId: 'tfpb', outcome: 'failed', trace: trace({ reasonCode: 'condition-defaillie' }) },
        state,
        context,
      ),
    );
    refusalOf(s.when(amend('c2', 9n)), 'commitment-lapsed');
  });
});
