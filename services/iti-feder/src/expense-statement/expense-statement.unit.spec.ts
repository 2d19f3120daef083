import { fromDecimalString } from '@cvl/money';
import { decideAgreeGrant } from '../agree-grant/agree-grant.decider';
import { decideCheckServiceDone } from '../check-service-done/check-service-done.decider';
import { decideFilePaymentClaim } from '../file-payment-claim/file-payment-claim.decider';
import { decidePayClaim } from '../pay-claim/pay-claim.decider';
import { decideRecordAnswer } from '../record-booking-answer/record-booking-answer.decider';
import type { ItiOperation } from '../domain/state';
import {
  agreementAct as act,
  application,
  envelope,
  ItiScenario,
  strategy,
  through,
  trace,
} from '../test-support/scenario';
import { expenseStatement } from './expense-statement';
import { expenseStatementReport } from './expense-statement.report';

function operationWithClaims(): ItiOperation {
  const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
  through(s, 'op');
  s.given((st) => decideAgreeGrant({ operationId: 'op', act, trace: trace('2016-07-01') }, st));
  for (const [funder, amount] of [
    ['region', '400000.00'],
    ['call', '200000.00'],
  ])
    s.given((st) =>
      decideRecordAnswer(
        { operationId: 'op', funder, requestId: `r-${funder}`, outcome: 'booked', amount, trace: trace() },
        st,
      ),
    );
  s.given((st) =>
    decideFilePaymentClaim(
      { operationId: 'op', claimId: 'c1', expensesCents: 100_000_000n, final: false, trace: trace('2017-03-01') },
      st,
    ),
  );
  s.given((st) =>
    decideCheckServiceDone(
      { operationId: 'op', claimId: 'c1', acceptedCents: 90_000_000n, trace: trace('2017-04-01') },
      st,
    ),
  );
  s.given((st) => decidePayClaim({ operationId: 'op', claimId: 'c1', trace: trace('2017-04-15') }, st));
  s.given((st) =>
    decideFilePaymentClaim(
      { operationId: 'op', claimId: 'c2', expensesCents: 50_000_000n, final: false, trace: trace('2017-09-01') },
      st,
    ),
  );
  const operation = s.state?.operations.get('op');
  if (!operation) throw new Error('opération absente du scénario');
  return operation;
}

describe('the FEDER état récapitulatif des dépenses and plan de financement of an operation', () => {
  const statement = expenseStatement(operationWithClaims());

  it('finances the eligible cost: FEDER on its agreement, each co-funder, the beneficiary’s own share — 100 %', () => {
    expect(statement.plan.map((l) => [l.funder, l.nature, l.amount, l.rateBasisPoints, l.act?.reference])).toEqual([
      ['feder', 'FEDER (axe ITI)', '800000.00', 4000, 'Convention FEDER 2016-17'],
      ['region', 'cofinancement public', '400000.00', 2000, undefined],
      ['call', 'cofinancement public', '200000.00', 1000, undefined],
      ['maisons-et-cites', 'autofinancement du bénéficiaire', '600000.00', 3000, undefined],
    ]);
    const planCents = statement.plan.reduce((sum, l) => sum + fromDecimalString(l.amount), 0n);
    expect(planCents).toBe(fromDecimalString(statement.eligibleCost));
  });

  it('lists each claim as declared, retained at the service-fait check and paid; the totals add up', () => {
    expect(statement.claims.map((c) => [c.claimId, c.status, c.declared, c.retained, c.paidFeder])).toEqual([
      ['c1', 'payée', '1000000.00', '900000.00', '360000.00'],
      ['c2', 'en attente du contrôle', '500000.00', undefined, '0.00'],
    ]);
    expect(statement.totals).toMatchObject({
      declared: '1500000.00',
      retained: '900000.00',
      paidFeder: '360000.00',
      remainingFeder: '440000.00',
      toDeclare: '500000.00',
    });
    const report = expenseStatementReport(statement, 'iti-call', '2026-12-04T10:00:00.000Z');
    const claims = report.tables.find((t) => t.name === 'État récapitulatif');
    // Public aid at the check is cumulative (co-funders booked 600 000,00 € + FEDER payable 360 000,00 €): no sum.
    expect(claims?.totals?.slice(3)).toEqual([150_000_000n, 90_000_000n, null, 36_000_000n, 36_000_000n]);
    expect(statement.totals.publicAid).toBe('960000.00');
    expect(report.tables[0].totals?.slice(3)).toEqual([200_000_000n, 10_000]);
  });
});
