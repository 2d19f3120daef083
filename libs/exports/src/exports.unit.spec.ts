import { formatCell, toCsv, toPdf, type ReportDocument } from './index';

const document = (rows: Array<[string, bigint, number]>): ReportDocument => ({
  title: 'Relevé du financeur — Région Hauts-de-France',
  subtitle: ['Contrat de ville de Lens-Liévin 2015-2020'],
  generatedAt: '2026-11-25T22:10:00.000Z',
  fileName: 'releve-region',
  tables: [
    {
      name: 'Engagements',
      title: 'Engagements « ; » et "guillemets"',
      columns: [
        { header: 'Opération', kind: 'text' },
        { header: 'Montant', kind: 'euros' },
        { header: 'Taux', kind: 'rate' },
      ],
      rows: rows.map(([label, cents, rate]) => [label, cents, rate]),
      totals: ['Total', rows.reduce((sum, [, cents]) => sum + cents, 0n), null],
    },
    { name: 'Par année', title: 'Par année', columns: [{ header: 'Année', kind: 'integer' }, { header: 'Ferme', kind: 'euros' }], rows: [[2016, 170_000_000n]] },
  ],
});

describe('exports: cells and tables', () => {
  it('formats cells the French way', () => {
    expect(formatCell(170_000_000n, 'euros')).toBe('1 700 000,00');
    expect(formatCell(-5n, 'euros')).toBe('-0,05');
    expect(formatCell(1250, 'rate')).toBe('12,50 %');
    expect(formatCell(12500, 'integer')).toBe('12 500');
    expect(formatCell(null, 'euros')).toBe('');
    expect(() => formatCell(12.5, 'euros')).toThrow(/centimes/);
  });

  it('refuses a row that does not fit its columns, and euros that are not cents', async () => {
    const bad = document([['Étude', 100n, 5000]]);
    bad.tables[0].rows.push(['court']);
    expect(() => toCsv(bad)).toThrow(/Engagements, ligne 2 : 1 cellules pour 3 colonnes/);
    const float = document([]);
    float.tables[0].rows.push(['Étude', 12.5 as unknown as bigint, 5000]);
    await expect(toPdf(float)).rejects.toThrow(/montant attendu en centimes/);
  });
});
