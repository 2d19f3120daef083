import { baseline, commitment } from '../test-support/fixtures';
import { firmed, pay } from '../test-support/lifecycle';
import { accepted, refusalOf } from '@cvl/testing';
import { Scenario } from '../test-support/scenario';

describe('record a payment', () => {
  const firmScenario = () =>
    baseline(new Scenario())
      .given(commitment({ commitmentId: 'c1', amountCents: 1_000n }))
      .given(firmed('c1'));

  it('pays in instalments: avance, acompte (service fait), solde', () => {
    const s = firmScenario();
    accepted(s.when(pay('c1', 'p1', 'avance', 300n, null)));
    accepted(s.when(pay('c1', 'p2', 'acompte', 400n)));
    accepted(s.when(pay('c1', 'p3', 'solde', 300n)));
    expect(s.figures('c1')).toMatchObject({ firmCents: 1_000n, paidCents: 1_000n, outstandingCents: 0n });
    expect(s.state.commitments.get('c1')?.payments.map((p) => p.kind)).toEqual(['avance', 'acompte', 'solde']);
    expect(s.state.ledger.accounts.get('paid:mc')?.creditsPostedCents).toBe(1_000n);
  });

  it('never pays above the firm amount, and says by how much', () => {
    const s = firmScenario().given(pay('c1', 'p1', 'avance', 900n, null));
    expect(refusalOf(s.when(pay('c1', 'p2', 'acompte', 150n)), 'exceeds-commitment').excessCents).toBe(50n);
  });

  it('refuses to pay what is not firm, the same payment twice, anything after the solde, an acompte without service fait', () => {
    const s = firmScenario().given(commitment({ commitmentId: 'c2', amountCents: 5n }));
    expect(refusalOf(s.when(pay('c2', 'p1', 'avance', 1n, null)), 'not-firm').kind).toBe('conflict');
    expect(refusalOf(s.when(pay('c1', 'p1', 'acompte', 1n, null)), 'service-done-required').field).toBe(
      'serviceDoneDate',
    );
    s.given(pay('c1', 'p1', 'avance', 1n, null));
    refusalOf(s.when(pay('c1', 'p1', 'avance', 1n, null)), 'payment-exists');
    s.given(pay('c1', 'p2', 'solde', 10n));
    refusalOf(s.when(pay('c1', 'p3', 'acompte', 1n)), 'balance-paid');
  });
});
