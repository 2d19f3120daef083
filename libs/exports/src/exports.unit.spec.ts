import fc from 'fast-check';
import { exportFile, formatCell, toCsv, toPdf, toXlsx, type ReportDocument } from './index';
import { centsFromFrench, readCsv, readPdf, readXlsx } from './read-back';

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
    {
      name: 'Par année',
      title: 'Par année',
      columns: [
        { header: 'Année', kind: 'year' },
        { header: 'Ferme', kind: 'euros' },
      ],
      rows: [[2016, 170_000_000n]],
    },
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

// Read back the way people and the service tests read them: CSV parsed, XLSX opened, PDF text extracted.
describe('exports: CSV, XLSX and PDF carry the same figures', () => {
  it('reads back from CSV, XLSX and PDF the totals it wrote (any cents)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.string({ maxLength: 30 }),
            fc.bigInt({ min: -(10n ** 12n), max: 10n ** 13n }),
            fc.integer({ min: 0, max: 10_000 }),
          ),
          { maxLength: 12 },
        ),
        async (rows) => {
          const doc = document(
            rows.map(([label, cents, rate], i) => [`L${i} ${label.replace(/[\r\n]/g, ' ')}`, cents, rate]),
          );
          const total = doc.tables[0].totals![1] as bigint;

          const csv = readCsv(toCsv(doc));
          expect(csv[0]).toEqual([doc.tables[0].title]);
          expect(csv[1]).toEqual(['Opération', 'Montant', 'Taux']);
          const totalsRow = csv[2 + rows.length];
          expect(totalsRow[0]).toBe('Total');
          expect(centsFromFrench(totalsRow[1])).toBe(total);
          expect(csv.slice(2, 2 + rows.length).map((r) => centsFromFrench(r[1]))).toEqual(
            doc.tables[0].rows.map((r) => r[1]),
          );

          const sheets = await readXlsx(await toXlsx(doc));
          const sheet = sheets.get('Engagements')!;
          expect(Math.round((sheet.at(-1)![1] as number) * 100)).toBe(Number(total));
          expect([...sheets.keys()]).toEqual(['Engagements', 'Par année', 'À propos']);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('prints a PDF whose extracted text holds the title, every row and the totals, page after page', async () => {
    const rows: Array<[string, bigint, number]> = Array.from({ length: 90 }, (_, i) => [
      `Étude n° ${i + 1} — quartier Cité 12/14`,
      BigInt(1_000_000 + i * 12_345),
      5000,
    ]);
    const doc = document(rows);
    const { text, pages } = await readPdf(await toPdf(doc));
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain('Relevé du financeur — Région Hauts-de-France');
    // 22:10 UTC in November is 23:10 in Paris (winter time).
    expect(text).toContain('Édité le 25/11/2026 à 23:10 (heure de Paris)');
    expect(text).toContain(`Total ${formatCell(doc.tables[0].totals![1], 'euros')}`);
    for (const [label] of rows) expect(text).toContain(label);
    expect(text).toContain(`page ${pages} / ${pages}`);
    // the header is repeated on each page the table runs over
    expect(text.match(/Opération Montant Taux/g)!.length).toBeGreaterThanOrEqual(pages - 1);
  });

  it('keeps a label that looks like a formula as text: quoted in CSV, a string cell in XLSX', async () => {
    const hostile = ['=HYPERLINK("http://evil.example","Cliquez")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\tTAB'];
    const doc = document(hostile.map((label, i) => [label, BigInt(i + 1) * 100n, 0]));
    const csv = readCsv(toCsv(doc));
    const first = csv.findIndex((row) => row[0] === 'Opération') + 1;
    expect(csv.slice(first, first + hostile.length).map((row) => row[0])).toEqual(hostile.map((label) => `'${label}`));
    expect(csv[first + hostile.length][0]).toBe('Total');
    // In XLSX the label is a string cell, equal to what was written: never a formula object.
    const cells = (await readXlsx(await toXlsx(doc))).get('Engagements') as unknown[][];
    for (const label of hostile) expect(cells.some((row) => row[0] === label)).toBe(true);
  });

  it('names the file and its type for each format', async () => {
    const file = await exportFile(document([]), 'pdf');
    expect(file.type).toBe('application/pdf');
    expect(file.disposition).toBe('attachment; filename="releve-region.pdf"');
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
