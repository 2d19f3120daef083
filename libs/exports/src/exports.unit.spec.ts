import fc from 'fast-check';
import { exportFile, formatCell, generatedLine, toCsv, toPdf, toXlsx, type ReportDocument } from './index';
import { centsFromFrench, openXlsx, readCsv, readPdf, readXlsx } from './read-back';

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

describe('exports: a workbook and a CSV as finance teams use them', () => {
  const doc = () =>
    document([
      ['Étude', 150_000_00n, 5000],
      ['Travaux', 1_700_000_00n, 2500],
    ]);

  it('writes years as numbers, totals that add up as formulas, others as values', async () => {
    const workbook = await openXlsx(await toXlsx(doc()));
    const engagements = workbook.getWorksheet('Engagements');
    const total = engagements?.getRow(4).getCell(2).value as { formula: string; result: number };
    expect(total).toEqual({ formula: 'SUM(B2:B3)', result: 1_850_000 });
    // The rate column's total is not a sum of rates: nothing is written rather than a made-up figure.
    expect(engagements?.getRow(4).getCell(3).value).toBeNull();
    const years = workbook.getWorksheet('Par année');
    expect(years?.getRow(2).getCell(1).value).toBe(2016);
    expect(years?.getColumn(1).numFmt).toBe('0');
    const notASum = doc();
    notASum.tables[0].totals = ['Total', 1n, null];
    const kept = (await openXlsx(await toXlsx(notASum))).getWorksheet('Engagements');
    expect(kept?.getRow(4).getCell(2).value).toBe(0.01);
  });

  it('freezes and filters the header, prints each sheet at the page width with its header repeated, in a named font', async () => {
    const sheet = (await openXlsx(await toXlsx(doc()))).getWorksheet('Engagements');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.autoFilter).toBe('A1:C3');
    expect(sheet?.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(sheet?.pageSetup.printTitlesRow).toBe('1:1');
    expect(sheet?.getRow(2).getCell(1).font?.name).toBe('Arial');
    expect(sheet?.getRow(1).getCell(1).font).toMatchObject({ name: 'Arial', bold: true });
  });

  it('puts the document’s heading above the tables in CSV when asked, figures still without « € »', () => {
    const sealed: ReportDocument = {
      ...doc(),
      issuer: 'CALL',
      seal: { reference: 'REL-1', fingerprint: 'AB CD', printed: [], payload: 'e30=' },
    };
    const rows = readCsv(toCsv(sealed, { titleBlock: true }));
    expect(rows.slice(0, 7).map((r) => r[0])).toEqual([
      'Relevé du financeur — Région Hauts-de-France',
      'Contrat de ville de Lens-Liévin 2015-2020',
      'Émis par : CALL',
      'Édité le 25/11/2026 à 23:10 (heure de Paris)',
      'Montants en euros, au centime (colonnes numériques sans symbole)',
      'Référence : REL-1',
      'Empreinte : AB CD',
    ]);
    const header = rows.findIndex((r) => r[0] === 'Opération');
    expect(rows[header + 1]).toEqual(['Étude', '150 000,00', '50,00 %']);
    expect(readCsv(toCsv(sealed))[0]).toEqual([sealed.tables[0].title]);
  });

  it('dates what it edits in Paris time, summer and winter', () => {
    expect(generatedLine('2026-07-14T10:00:00.000Z')).toBe('Édité le 14/07/2026 à 12:00 (heure de Paris)');
    expect(generatedLine('2026-01-14T10:00:00.000Z')).toBe('Édité le 14/01/2026 à 11:00 (heure de Paris)');
  });
});
