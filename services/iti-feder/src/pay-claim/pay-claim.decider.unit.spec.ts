import { accepted, refusalOf } from '@cvl/testing';
import { decideAgreeGrant } from '../agree-grant/agree-grant.decider';
import { decideCheckServiceDone } from '../check-service-done/check-service-done.decider';
import { decideFilePaymentClaim } from '../file-payment-claim/file-payment-claim.decider';
import { agreementAct, application, envelope, ItiScenario, strategy, through, trace } from '../test-support/scenario';
import { decidePayClaim } from './pay-claim.decider';

describe('a payment: what the service-done control found due, once, and asked of the ledger', () => {
  it('follows the control, pays the FEDER due at the rate and nothing more the second time', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    through(s, 'op');
    s.given((st) => decideAgreeGrant({ operationId: 'op', act: agreementAct, trace: trace('2016-07-01') }, st));
    s.given((st) =>
      decideFilePaymentClaim(
        { operationId: 'op', claimId: 'c1', expensesCents: 50_000_000n, final: false, trace: trace('2017-03-01') },
        st,
      ),
    );
    refusalOf(
      s.when((st) => decidePayClaim({ operationId: 'op', claimId: 'c1', trace: trace() }, st)),
      'service-not-done',
    );
    s.given((st) =>
      decideCheckServiceDone(
        { operationId: 'op', claimId: 'c1', acceptedCents: 50_000_000n, trace: trace('2017-04-01') },
        st,
      ),
    );
    const [paid] = accepted(
      s.when((st) => decidePayClaim({ operationId: 'op', claimId: 'c1', trace: trace('2017-04-15') }, st)),
    );
    // 500 000 € accepted at the operation's 40 % rate.
    expect(paid).toMatchObject({
      type: 'iti-feder.payment-made',
      data: { amount: '200000.00', kind: 'acompte', serviceDoneDate: '2017-04-15' },
    });
    refusalOf(
      s.when((st) => decidePayClaim({ operationId: 'op', claimId: 'c1', trace: trace() }, st)),
      'nothing-due',
    );
  });
});
