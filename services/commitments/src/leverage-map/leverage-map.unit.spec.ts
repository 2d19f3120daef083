import { conforms } from '@cvl/testing';
import { decideRecordReference } from '../record-reference/record-reference.decider';
import { baseline, commitment, funder, reference } from '../test-support/fixtures';
import { Scenario, trace } from '../test-support/scenario';
import { leverageMap, type LeverageMap } from './leverage-map';
import type { LeverageMapResponse } from './leverage-map.responses';

const inQuartier = (label: string, year: number, quartier?: string, stake?: string) => ({
  label,
  year,
  scale: 'CALL',
  ...(quartier ? { quartier } : {}),
  ...(stake ? { stake } : {}),
});

/**
 * In the Cité 12/14 (QP062024): the State's P147 10 000 € (2016), the Région 25 000 € (2016) and 7 500 € (2017),
 * ANRU 100 000 € and the FEDER 40 000 € firm (2017). Not in a quartier: Maisons et Cités' 50 000 € and 30 000 € of
 * an unsplit pool of public partners.
 */
function contract(): Scenario {
  return baseline(new Scenario())
    .given((state) =>
      decideRecordReference(
        {
          kind: 'funder',
          code: 'etat-p147',
          name: 'État — programme 147',
          attributes: { category: 'state', programme: '147' },
          trace: trace({ reasonCode: 'referentiel' }),
        },
        state,
      ),
    )
    .given(reference('stake', 'E1'))
    .given(reference('stake', 'E2'))
    .given(funder('anru', 'anru'))
    .given(funder('feder', 'eu'))
    .given(
      commitment({
        commitmentId: 'p147',
        funder: 'etat-p147',
        amountCents: 10_000_00n,
        attribution: inQuartier('Adultes-relais', 2016, 'QP062024', 'E1'),
      }),
    )
    .given(
      commitment({
        commitmentId: 'r16',
        funder: 'region',
        amountCents: 25_000_00n,
        attribution: inQuartier('Centre social', 2016, 'QP062024', 'E1'),
      }),
    )
    .given(
      commitment({
        commitmentId: 'r17',
        funder: 'region',
        amountCents: 7_500_00n,
        attribution: inQuartier('Centre social', 2017, 'QP062024', 'E1'),
      }),
    )
    .given(
      commitment({
        commitmentId: 'anru',
        funder: 'anru',
        amountCents: 100_000_00n,
        attribution: inQuartier('Études NPNRU', 2017, 'QP062024', 'E2'),
      }),
    )
    .given(
      commitment({
        commitmentId: 'feder',
        funder: 'feder',
        status: 'firm',
        act: { reference: 'Convention FEDER 2017-3', date: '2017-03-01' },
        amountCents: 40_000_00n,
        attribution: inQuartier('Réhabilitation', 2017, 'QP062024', 'E2'),
        trace: trace({ reasonCode: 'engagement-juridique', effectiveDate: '2017-03-01' }),
      }),
    )
    .given(
      commitment({
        commitmentId: 'mc',
        funder: 'mc',
        amountCents: 50_000_00n,
        attribution: inQuartier('Réhabilitation', 2016),
      }),
    )
    .given(
      commitment({
        commitmentId: 'pool',
        funder: 'partners',
        isPool: true,
        amountCents: 30_000_00n,
        attribution: inQuartier('Subventions sollicitées', 2016),
      }),
    );
}

describe('the leverage map', () => {
  it('sums each kind of money per quartier and per year, and tells the droit commun per euro of crédits spécifiques', () => {
    const map = leverageMap(contract().state, 'quartier', 'engage');
    expect(map.rows.map((r) => [r.key, r.amounts, r.total, r.leverage])).toEqual([
      [
        'QP062024',
        {
          'droit-commun': '32500.00',
          'credits-specifiques': '10000.00',
          anru: '100000.00',
          'fonds-europeens': '40000.00',
          bailleurs: '0.00',
          'non-ventile': '0.00',
        },
        '182500.00',
        // 32 500 / 10 000 = 3,25
        '3,25',
      ],
      [
        'non-territorialise',
        {
          'droit-commun': '0.00',
          'credits-specifiques': '0.00',
          anru: '0.00',
          'fonds-europeens': '0.00',
          bailleurs: '50000.00',
          'non-ventile': '30000.00',
        },
        '80000.00',
        null,
      ],
    ]);
    expect(map.rows[0].years.map((y) => [y.year, y.total, y.amounts['droit-commun']])).toEqual([
      [2016, '35000.00', '25000.00'],
      [2017, '147500.00', '7500.00'],
    ]);
    expect(map.totals).toMatchObject({ total: '262500.00', leverage: '3,25' });
    expect(map.rows[0].totalFormatted).toBe('182 500,00 €');
  });

  it('counts only what is firm, or paid, when asked; by stake as well', () => {
    const firm = leverageMap(contract().state, 'quartier', 'ferme');
    expect(firm.rows.map((r) => [r.key, r.total, r.amounts['fonds-europeens']])).toEqual([
      ['QP062024', '40000.00', '40000.00'],
    ]);
    expect(leverageMap(contract().state, 'quartier', 'paye').rows).toEqual([]);
    const byStake = leverageMap(contract().state, 'stake', 'engage');
    expect(byStake.rows.map((r) => [r.key, r.total, r.leverage])).toEqual([
      ['E1', '42500.00', '3,25'],
      ['E2', '140000.00', null],
      ['non-territorialise', '80000.00', null],
    ]);
  });
});

// The type-check of this file holds the documented response to the view the route returns.
describe('the documented response of the leverage map', () => {
  it('is the view the route returns', () => {
    expect(conforms<LeverageMap, LeverageMapResponse>('carte des leviers')).toBeDefined();
  });
});
