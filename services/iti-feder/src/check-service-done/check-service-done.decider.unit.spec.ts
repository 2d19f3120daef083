import { accepted, refusalOf } from '@cvl/testing';
import { decideAgreeGrant } from '../agree-grant/agree-grant.decider';
import { decideFilePaymentClaim } from '../file-payment-claim/file-payment-claim.decider';
import { decideCheckServiceDone } from './check-service-done.decider';
import { decidePayClaim } from '../pay-claim/pay-claim.decider';
import { decideReleaseUnused } from '../release-unused/release-unused.decider';
import { decideRecordAnswer } from '../record-booking-answer/record-booking-answer.decider';
import {
  agreementAct as act,
  application,
  envelope,
  ItiScenario,
  strategy,
  through,
  trace,
} from '../test-support/scenario';

describe('payment claims: within the rate and the programmed FEDER, over-financing checked at the solde', () => {
  it('pays within the rate and the programmed FEDER, checks over-financing at the solde, releases the unused part', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    through(s, 'op');
    s.given((st) => decideAgreeGrant({ operationId: 'op', act, trace: trace('2016-07-01') }, st));
    for (const funder of ['region', 'call'])
      s.given((st) =>
        decideRecordAnswer(
          {
            operationId: 'op',
            funder,
            requestId: `r-${funder}`,
            outcome: 'booked',
            amount: funder === 'region' ? '400000.00' : '200000.00',
            trace: trace(),
          },
          st,
        ),
      );
    s.given((st) =>
      decideFilePaymentClaim(
        { operationId: 'op', claimId: 'c1', expensesCents: 100_000_000n, final: false, trace: trace('2017-03-01') },
        st,
      ),
    );
    const [checked] = accepted(
      s.when((st) =>
        decideCheckServiceDone(
          { operationId: 'op', claimId: 'c1', acceptedCents: 90_000_000n, trace: trace('2017-04-01') },
          st,
        ),
      ),
    );
    expect(checked.type === 'iti-feder.service-done-checked' && checked.data.payableFeder).toBe('360000.00');
    refusalOf(
      s.when((st) =>
        decideCheckServiceDone({ operationId: 'op', claimId: 'c1', acceptedCents: 1n, trace: trace() }, st),
      ),
      'claim-checked',
    );
    s.given((st) => decidePayClaim({ operationId: 'op', claimId: 'c1', trace: trace('2017-04-15') }, st));
    refusalOf(
      s.when((st) => decidePayClaim({ operationId: 'op', claimId: 'c1', trace: trace() }, st)),
      'nothing-due',
    );
    refusalOf(
      s.when((st) => decideReleaseUnused({ operationId: 'op', trace: trace() }, st)),
      'final-not-paid',
    );
    s.given((st) =>
      decideFilePaymentClaim(
        { operationId: 'op', claimId: 'c2', expensesCents: 80_000_000n, final: true, trace: trace('2018-03-01') },
        st,
      ),
    );
    const [solde] = accepted(
      s.when((st) =>
        decideCheckServiceDone(
          { operationId: 'op', claimId: 'c2', acceptedCents: 80_000_000n, trace: trace('2018-04-01') },
          st,
        ),
      ),
    );
    // 1 700 000 € of expenses; region and CALL booked 600 000 €: FEDER may not take aid above the expenses,
    // and by rate (40 %) it is due 680 000 € in all; 360 000 € already paid.
    expect(solde.type === 'iti-feder.service-done-checked' && solde.data).toMatchObject({
      payableFeder: '320000.00',
      publicAid: '1280000.00',
    });
    s.given((st) => decidePayClaim({ operationId: 'op', claimId: 'c2', trace: trace('2018-04-15') }, st));
    const [released] = accepted(
      s.when((st) => decideReleaseUnused({ operationId: 'op', trace: trace('2018-05-01') }, st)),
    );
    expect(released.type === 'iti-feder.unused-released' && released.data.amount).toBe('120000.00');
    expect(s.state?.operations.get('op')).toMatchObject({
      status: 'closed',
      paidCents: 68_000_000n,
      releasedCents: 12_000_000n,
    });
    refusalOf(
      s.when((st) =>
        decideFilePaymentClaim(
          { operationId: 'op', claimId: 'c3', expensesCents: 1n, final: false, trace: trace() },
          st,
        ),
      ),
      'not-agreed',
    );
  });

  it('the over-financing check leaves no FEDER when the co-funders already cover the expenses', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    through(s, 'op');
    s.given((st) => decideAgreeGrant({ operationId: 'op', act, trace: trace('2016-07-01') }, st));
    s.given((st) =>
      decideRecordAnswer(
        { operationId: 'op', funder: 'region', requestId: 'r', outcome: 'booked', amount: '400000.00', trace: trace() },
        st,
      ),
    );
    s.given((st) =>
      decideFilePaymentClaim(
        { operationId: 'op', claimId: 'c1', expensesCents: 30_000_000n, final: true, trace: trace() },
        st,
      ),
    );
    expect(
      refusalOf(
        s.when((st) =>
          decideCheckServiceDone({ operationId: 'op', claimId: 'c1', acceptedCents: 30_000_000n, trace: trace() }, st),
        ),
        'over-financed',
      ).excessCents,
    ).toBe(10_000_000n);
  });
});
