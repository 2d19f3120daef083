import { baseline, commitment, envelope } from '../test-support/fixtures';
import { accepted, refusalOf } from '@cvl/testing';
import { Scenario, trace } from '../test-support/scenario';
import { decideFirmCommitment } from './firm-commitment.decider';

const act = { reference: 'Arrêté 2016-12', date: '2016-04-01' };
const firm =
  (commitmentId: string, amountCents?: bigint) =>
  (state: Scenario['state'], context: Parameters<typeof decideFirmCommitment>[2]) =>
    decideFirmCommitment(
      {
        commitmentId,
        act,
        ...(amountCents !== undefined ? { amountCents } : {}),
        trace: trace({
          reasonCode: 'engagement-juridique',
          effectiveDate: '2016-04-01',
          source: { kind: 'act', reference: act.reference, date: act.date },
        }),
      },
      state,
      context,
    );

describe('firm a commitment (legal act)', () => {
  it('books the indicative amount as firm', () => {
    const s = baseline(new Scenario()).given(commitment({ commitmentId: 'c1', amountCents: 1_000n }));
    const [event] = accepted(s.when(firm('c1')));
    expect(event.type).toBe('commitments.commitment-firmed');
    expect(s.figures('c1')).toMatchObject({ indicativeCents: 0n, firmCents: 1_000n, outstandingCents: 1_000n });
    expect(s.state.commitments.get('c1')?.act).toEqual(act);
  });

  it('binds less than intended (the rest is released) or more (the difference is booked)', () => {
    const s = baseline(new Scenario())
      .given(commitment({ commitmentId: 'less', amountCents: 1_000n }))
      .given(commitment({ commitmentId: 'more', amountCents: 1_000n }));
    s.given(firm('less', 800n)).given(firm('more', 1_300n));
    expect(s.state.commitments.get('less')?.amountCents).toBe(800n);
    expect(s.state.ledger.accounts.get('commitment:less')).toMatchObject({
      creditsPendingCents: 0n,
      creditsPostedCents: 800n,
    });
    expect(s.state.ledger.accounts.get('commitment:more')).toMatchObject({
      creditsPendingCents: 0n,
      creditsPostedCents: 1_300n,
    });
  });

  it('refuses a conditional commitment (it awaits its condition), a firm one, an act without reference, a null amount', () => {
    const s = baseline(new Scenario())
      .given(commitment({ commitmentId: 'cond', amountCents: 5n, status: 'conditional', conditionId: 'tfpb' }))
      .given(commitment({ commitmentId: 'c1', amountCents: 5n }));
    expect(refusalOf(s.when(firm('cond')), 'awaits-condition').kind).toBe('conflict');
    s.given(firm('c1'));
    refusalOf(s.when(firm('c1')), 'not-indicative');
    refusalOf(
      s.when((state, context) =>
        decideFirmCommitment(
          { commitmentId: 'cond', act: { reference: ' ', date: '2016-01-01' }, trace: trace() },
          state,
          context,
        ),
      ),
      'act-required',
    );
    s.given(commitment({ commitmentId: 'c2', amountCents: 5n }));
    refusalOf(s.when(firm('c2', 0n)), 'amount-not-positive');
  });

  it('refuses an increase beyond the envelope', () => {
    const s = baseline(new Scenario())
      .given(envelope('e', 'mc', 1_000n))
      .given(commitment({ commitmentId: 'c1', envelopeId: 'e', amountCents: 900n }));
    expect(refusalOf(s.when(firm('c1', 1_100n)), 'envelope-exceeded').excessCents).toBe(100n);
  });
});
