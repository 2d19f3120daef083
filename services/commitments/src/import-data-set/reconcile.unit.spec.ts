import type { DataSet, FigureRow } from './data-set';
import { reconcile, reconciliationTable } from './reconcile';

const row = (id: string, line: number, text: string, extra: Partial<FigureRow> = {}): FigureRow => ({
  id,
  line,
  section: '5. Synthèse',
  text,
  role: 'context',
  ...extra,
});
const dataSet = (figures: FigureRow[]): DataSet => ({
  document: 'cdv',
  effectiveDate: '2015-07-01',
  references: [],
  conditions: [],
  envelopes: [],
  figures,
});

describe('reconciliation', () => {
  const synthese = [
    row('construction', 5461, '110M€', { formula: { unitAmount: '150000.00', quantity: 750 } }),
    row('thermique', 5462, '65M€'),
    row('reconfiguration', 5463, '7,5M€'),
    row('residentialisation', 5464, '3,75M€'),
    row('relogement', 5465, '7,5M€'),
    row('accession', 5466, '45M€', { formula: { unitAmount: '150000.00', quantity: 300 } }),
    row('amenagement', 5467, '20M€'),
    row('total', 5468, '259M€', {
      status: 'total arrondi',
      role: 'total',
      parts: [
        'construction',
        'thermique',
        'reconfiguration',
        'residentialisation',
        'relogement',
        'accession',
        'amenagement',
      ],
    }),
    row('total-faux', 5469, '260M€', { role: 'total', parts: ['construction', 'thermique'] }),
    row('subvention', 5327, '4,5 M€', { formula: { unitAmount: '3000.00', quantity: 1500 } }),
    row('amenagement-unitaire', 5445, '500 à 1 000 k€', {
      role: 'unit-cost',
      range: { min: '500000.00', max: '1000000.00', central: '750000.00' },
    }),
    row('central-faux', 5446, '500 à 1 000 k€', {
      role: 'unit-cost',
      range: { min: '500000.00', max: '1000000.00', central: '1200000.00' },
    }),
  ];
  const lines = reconcile(dataSet(synthese).figures);
  const find = (id: string, check: string) => lines.find((l) => l.id === id && l.check === check);

  it('tells declared rounding apart from a real discrepancy, with both figures and the gap', () => {
    expect(find('total', 'somme')).toMatchObject({
      stated: '259000000.00',
      computed: '258750000.00',
      gap: '250000.00',
      verdict: 'arrondi déclaré',
    });
    expect(find('total-faux', 'somme')).toMatchObject({
      computed: '175000000.00',
      gap: '85000000.00',
      verdict: 'écart',
    });
  });

  it('recomputes products: 150 000 € × 750 is 112 500 000 €, not the 110 M€ written', () => {
    expect(find('construction', 'produit')).toMatchObject({
      stated: '110000000.00',
      computed: '112500000.00',
      gap: '-2500000.00',
      verdict: 'écart',
    });
    expect(find('construction', 'produit')?.explanation).toContain('2 500 000,00 €');
    expect(find('subvention', 'produit')).toMatchObject({ verdict: 'concorde', gap: '0.00' });
    expect(find('accession', 'produit')).toMatchObject({ verdict: 'concorde' });
  });

  it('checks a range’s central value and uses it in sums', () => {
    expect(find('amenagement-unitaire', 'fourchette')).toBeUndefined();
    expect(find('central-faux', 'fourchette')).toMatchObject({ verdict: 'écart' });
  });

  it('calls a figure written to the tenth of a million the exact sum rounded as shown, and no further', () => {
    const parts = [row('a', 5589, '630k€'), row('b', 5590, '840k€'), row('c', 5591, '4,6 M€'), row('d', 5592, '756k€')];
    const shown = reconcile([...parts, row('prix', 5596, '6,8M€', { role: 'subtotal', parts: ['a', 'b', 'c', 'd'] })]);
    expect(shown.find((l) => l.id === 'prix')).toMatchObject({
      gap: '-26000.00',
      verdict: 'arrondi à la précision affichée',
    });
    // 6,7 M€ for 6 826 000 €: beyond half of the 100 000 € the figure is written to, a real gap.
    const beyond = reconcile([...parts, row('prix', 5596, '6,7M€', { role: 'subtotal', parts: ['a', 'b', 'c', 'd'] })]);
    expect(beyond.find((l) => l.id === 'prix')).toMatchObject({ gap: '-126000.00', verdict: 'écart' });
    // Written to the million, 110 M€ for 112,5 M€ is no rounding either.
    expect(find('construction', 'produit')?.verdict).toBe('écart');
  });

  it('compares the quantities two lines of one operation state for the same money: same agrees, different is ambiguous', () => {
    const lines = reconcile([
      row('detail', 5321, '65 M€', { operation: 'thermique', count: 1500 }),
      row('synthese', 5459, '65M€', { operation: 'thermique', count: 4000 }),
      row('produit', 5303, '110 M€', {
        operation: 'construction',
        formula: { unitAmount: '150000.00', quantity: 750 },
      }),
      row('ligne', 5458, '110M€', { operation: 'construction', count: 750 }),
      // Another operation, or another amount: nothing to compare.
      row('ailleurs', 5460, '65M€', { operation: 'autre', count: 10 }),
      row('autre-somme', 5461, '7,5M€', { operation: 'thermique', count: 1000 }),
    ]).filter((l) => l.check === 'quantité');
    expect(lines.map((l) => [l.line, l.against, l.stated, l.computed, l.verdict])).toEqual([
      [5458, [5303], '750', '750', 'concorde'],
      [5459, [5321], '4000', '1500', 'ambigu'],
    ]);
    expect(reconciliationTable(lines)).toContain('4 000');
  });

  it('prints a readable table with the counts', () => {
    const table = reconciliationTable(lines);
    expect(table).toContain('l. 5468');
    expect(table).toContain('259 000 000,00 €');
    expect(table).toMatch(
      /\d+ contrôles : \d+ concorde, 1 arrondi déclaré, 0 arrondi à la précision affichée, \d+ écart, 0 ambigu/,
    );
  });
});
