import { accepted, refusalOf } from '@cvl/testing';
import { decideAgreeGrant } from '../agree-grant/agree-grant.decider';
import { agreementAct, application, envelope, ItiScenario, strategy, through, trace } from '../test-support/scenario';
import { decideFilePaymentClaim, type FilePaymentClaim } from './file-payment-claim.decider';

const claim = (overrides: Partial<FilePaymentClaim> = {}): FilePaymentClaim => ({
  operationId: 'op',
  claimId: 'c1',
  expensesCents: 100_000_000n,
  final: false,
  trace: trace('2017-03-01'),
  ...overrides,
});

describe('a payment claim: on an agreed operation, once per id, one solde, positive expenses', () => {
  it('follows the grant agreement', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    through(s, 'op');
    refusalOf(
      s.when((st) => decideFilePaymentClaim(claim(), st)),
      'not-agreed',
    );
    refusalOf(
      s.when((st) => decideFilePaymentClaim(claim({ operationId: 'inconnue' }), st)),
      'unknown-operation',
    );
  });

  it('records the expense statement; refuses the same id twice, a claim after the solde, nothing to claim', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    through(s, 'op');
    s.given((st) => decideAgreeGrant({ operationId: 'op', act: agreementAct, trace: trace('2016-07-01') }, st));
    refusalOf(
      s.when((st) => decideFilePaymentClaim(claim({ expensesCents: 0n }), st)),
      'expenses-not-positive',
    );
    const [claimed] = accepted(s.when((st) => decideFilePaymentClaim(claim(), st)));
    expect(claimed).toMatchObject({
      type: 'iti-feder.payment-claimed',
      data: { claimId: 'c1', expenses: '1000000.00', final: false },
    });
    refusalOf(
      s.when((st) => decideFilePaymentClaim(claim(), st)),
      'claim-exists',
    );
    accepted(s.when((st) => decideFilePaymentClaim(claim({ claimId: 'solde', final: true }), st)));
    refusalOf(
      s.when((st) => decideFilePaymentClaim(claim({ claimId: 'c3' }), st)),
      'final-claimed',
    );
  });
});
