import { decideRecordPayment } from '../record-payment/record-payment.decider';
import { baseline, commitment, funder, operation } from '../test-support/fixtures';
import { firmed } from '../test-support/lifecycle';
import { Scenario, trace } from '../test-support/scenario';
import { subsidyReport } from './subsidy-report';
import { subsidyReportDocument } from './subsidy-report.document';

const attribution = {
  label: 'Réhabilitation de la Grande Résidence',
  year: 2016,
  scale: 'CALL',
  operation: 'rehab-grande-residence',
};

function scenario() {
  const s = baseline(new Scenario())
    .given(funder('etat-p147', 'state'))
    .given(funder('caf', 'caf'))
    .given(operation())
    .given(commitment({ commitmentId: 'etat-1', funder: 'etat-p147', amountCents: 300_000_00n, attribution }))
    .given(firmed('etat-1'))
    .given((state, context) =>
      decideRecordPayment(
        {
          commitmentId: 'etat-1',
          paymentId: 'p1',
          kind: 'avance',
          amountCents: 90_000_00n,
          trace: trace({ reasonCode: 'paiement', effectiveDate: '2016-10-01' }),
        },
        state,
        context,
      ),
    )
    .given(commitment({ commitmentId: 'region-1', funder: 'region', amountCents: 200_000_00n, attribution }))
    .given(commitment({ commitmentId: 'caf-1', funder: 'caf', amountCents: 50_000_00n, attribution }))
    .given(commitment({ commitmentId: 'mc-1', amountCents: 450_000_00n, attribution }));
  return s.state;
}

describe('the compte rendu financier of a subsidy (CERFA n° 15059)', () => {
  const state = scenario();
  const subsidy = state.commitments.get('etat-1');
  if (!subsidy) throw new Error('subvention absente du scénario');
  const report = subsidyReport(state, subsidy);

  it('ranks the action’s resources as the form does: the State named, then Région, CAF… planned and paid', () => {
    expect(report.action).toMatchObject({
      label: 'Réhabilitation de la Grande Résidence',
      beneficiary: 'mc',
      eligibleBase: '1000000.00',
      start: '2016-09-01',
    });
    expect(report.products.map((p) => [p.line, p.planned, p.realised, p.realisedRateBasisPoints])).toEqual([
      ['74 — État : etat-p147', '300000.00', '90000.00', 3000],
      ['74 — Région(s)', '200000.00', '0.00', 0],
      ['74 — Organismes sociaux (CAF, etc.)', '50000.00', '0.00', 0],
      ['Fonds propres et autres ressources du porteur (bailleurs, etc.)', '450000.00', '0.00', 0],
    ]);
    expect(report.totals).toEqual({ planned: '1000000.00', realised: '90000.00', realisedRateBasisPoints: 900 });
  });

  it('leaves the charges by nature to the beneficiary, and the products add up to their total', () => {
    const document = subsidyReportDocument(report, '2026-12-04T10:00:00.000Z');
    const charges = document.tables.find((t) => t.name === 'Charges');
    expect(charges?.rows.every((row) => row[1] === null && row[2] === null)).toBe(true);
    expect(charges?.totals?.[1]).toBe(1_000_000_00n);
    const products = document.tables.find((t) => t.name === 'Produits');
    const sum = products?.rows.reduce((total, row) => total + (row[1] as bigint), 0n);
    expect(sum).toBe(products?.totals?.[1]);
    expect(document.title).toBe(
      'Compte rendu financier de subvention (CERFA n° 15059) — Réhabilitation de la Grande Résidence',
    );
  });
});
