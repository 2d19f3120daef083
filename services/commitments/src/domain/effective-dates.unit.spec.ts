import { accepted, refusalOf } from '@cvl/testing';
import { decideAmendCommitment } from '../amend-commitment/amend-commitment.decider';
import { decideFirmCommitment } from '../firm-commitment/firm-commitment.decider';
import { decideRecordPayment } from '../record-payment/record-payment.decider';
import { decideReleaseCommitment } from '../release-commitment/release-commitment.decider';
import { baseline, commitment } from '../test-support/fixtures';
import { Scenario, trace, type Decide } from '../test-support/scenario';

// c1 recorded on 2015-07-01 (the fixtures' date), firmed on 2016-02-01.
const firmedOn =
  (effectiveDate: string): Decide =>
  (state, context) =>
    decideFirmCommitment(
      {
        commitmentId: 'c1',
        act: { reference: 'Convention 2016-7', date: '2016-02-01' },
        trace: trace({ reasonCode: 'engagement-juridique', effectiveDate }),
      },
      state,
      context,
    );
const payOn =
  (effectiveDate: string, reasonCode = 'paiement'): Decide =>
  (state, context) =>
    decideRecordPayment(
      {
        commitmentId: 'c1',
        paymentId: `p-${effectiveDate}`,
        kind: 'avance',
        amountCents: 100_00n,
        trace: trace({ reasonCode, effectiveDate }),
      },
      state,
      context,
    );
const releaseOn =
  (effectiveDate: string, reasonCode = 'degagement'): Decide =>
  (state, context) =>
    decideReleaseCommitment(
      { commitmentId: 'c1', amountCents: 10_00n, trace: trace({ reasonCode, effectiveDate }) },
      state,
      context,
    );
const amendOn =
  (effectiveDate: string): Decide =>
  (state, context) =>
    decideAmendCommitment(
      {
        commitmentId: 'c1',
        kind: 'clause-de-revoyure',
        newAmountCents: 1_200_00n,
        trace: trace({ reasonCode: 'clause-de-revoyure', effectiveDate }),
      },
      state,
      context,
    );

const recorded = () => baseline(new Scenario()).given(commitment({ commitmentId: 'c1', amountCents: 1_000_00n }));

describe('dates along a commitment’s life', () => {
  it('firms and amends a commitment on or after its recording, never before', () => {
    const s = recorded();
    expect(refusalOf(s.when(firmedOn('2015-06-30')), 'effective-date-order').field).toBe('trace.effectiveDate');
    expect(refusalOf(s.when(amendOn('2014-12-31')), 'effective-date-order').message).toContain('2015-07-01');
    accepted(s.when(amendOn('2015-07-01')));
    accepted(s.when(firmedOn('2016-02-01')));
  });

  it('firms a commitment on or after the date of its act (an act of 2016 cannot make it firm in 2015)', () => {
    const s = recorded();
    const early = refusalOf(s.when(firmedOn('2015-12-31')), 'effective-date-order');
    expect(early.message).toContain('à l’acte qui le rend ferme (2016-02-01)');
    accepted(s.when(firmedOn('2016-02-01')));
  });

  it('pays and releases a firm commitment on or after the day it became firm (a payment of 2014 on a commitment firmed in 2016 is refused)', () => {
    const s = recorded().given(firmedOn('2016-02-01'));
    expect(refusalOf(s.when(payOn('2014-05-01')), 'effective-date-order').message).toContain('2016-02-01');
    expect(refusalOf(s.when(releaseOn('2016-01-31')), 'effective-date-order').field).toBe('trace.effectiveDate');
    accepted(s.when(payOn('2016-02-01')));
    accepted(s.when(releaseOn('2016-12-31')));
  });

  it('takes the reason of the action: a payment is « paiement », a release « dégagement »', () => {
    const s = recorded().given(firmedOn('2016-02-01'));
    expect(refusalOf(s.when(payOn('2016-03-01', 'avenant')), 'reason-mismatch').field).toBe('trace.reasonCode');
    expect(refusalOf(s.when(releaseOn('2016-03-01', 'paiement')), 'reason-mismatch').message).toContain('degagement');
    accepted(s.when(payOn('2016-03-01')));
  });

  it('records a commitment as an intention, a request, a forecast or on its act, and firms it on its act — not as a payment or an avenant', () => {
    const s = baseline(new Scenario());
    const recordAs = (reasonCode: string, commitmentId: string) =>
      commitment({ commitmentId, amountCents: 100_00n, trace: trace({ reasonCode }) });
    expect(refusalOf(s.when(recordAs('paiement', 'x')), 'reason-mismatch').message).toContain('« intention »');
    accepted(s.when(recordAs('sollicitation', 'c1')));
    const firmAs =
      (reasonCode: string): Decide =>
      (state, context) =>
        decideFirmCommitment(
          {
            commitmentId: 'c1',
            act: { reference: 'Convention 2016-7', date: '2016-02-01' },
            trace: trace({ reasonCode, effectiveDate: '2016-02-01' }),
          },
          state,
          context,
        );
    expect(refusalOf(s.when(firmAs('avenant')), 'reason-mismatch').field).toBe('trace.reasonCode');
    accepted(s.when(firmAs('engagement-juridique')));
  });
});
