import { accepted, refusalOf } from '@cvl/testing';
import { decideAgreeGrant } from '../agree-grant/agree-grant.decider';
import { decideFilePaymentClaim } from '../file-payment-claim/file-payment-claim.decider';
import { decideCheckServiceDone } from '../check-service-done/check-service-done.decider';
import { decidePayClaim } from '../pay-claim/pay-claim.decider';
import { decideReleaseUnused } from './release-unused.decider';
import { agreementAct, application, envelope, ItiScenario, strategy, through, trace } from '../test-support/scenario';

describe('the release of the unused FEDER (dégagement): after the solde, what was programmed and not paid', () => {
  it('is refused before the agreement and before the solde is paid, then gives back the programmed FEDER not paid', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    through(s, 'op');
    refusalOf(
      s.when((st) => decideReleaseUnused({ operationId: 'op', trace: trace() }, st)),
      'not-agreed',
    );
    s.given((st) => decideAgreeGrant({ operationId: 'op', act: agreementAct, trace: trace('2016-07-01') }, st));
    // A final claim of 500 000 € of expenses, 40 % of it payable: not paid yet, nothing is released.
    s.given((st) =>
      decideFilePaymentClaim(
        { operationId: 'op', claimId: 'solde', expensesCents: 50_000_000n, final: true, trace: trace('2017-03-01') },
        st,
      ),
    );
    s.given((st) =>
      decideCheckServiceDone(
        { operationId: 'op', claimId: 'solde', acceptedCents: 50_000_000n, trace: trace('2017-04-01') },
        st,
      ),
    );
    refusalOf(
      s.when((st) => decideReleaseUnused({ operationId: 'op', trace: trace() }, st)),
      'final-not-paid',
    );
    s.given((st) => decidePayClaim({ operationId: 'op', claimId: 'solde', trace: trace('2017-04-15') }, st));
    const [released] = accepted(
      s.when((st) => decideReleaseUnused({ operationId: 'op', trace: trace('2017-05-01') }, st)),
    );
    if (released.type !== 'iti-feder.unused-released') throw new Error(released.type);
    const operation = s.state?.operations.get('op');
    expect(released.data.amount).toBe('600000.00');
    expect(operation).toMatchObject({ status: 'closed', paidCents: 20_000_000n, releasedCents: 60_000_000n });
    refusalOf(
      s.when((st) => decideReleaseUnused({ operationId: 'op', trace: trace() }, st)),
      'not-agreed',
    );
  });
});
