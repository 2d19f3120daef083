import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PDF_MARGIN_PT, toPdf, type ReportDocument } from './index';
import { pdfFonts, pdfWords, printProblems, readPdf, renderFirstPage } from './read-back';

/*
 * The PDFs as a printer and a reader see them, through poppler-utils: fonts embedded, no word outside the printable
 * area, nothing cut with « … », the symbols the documents use printed as themselves; each first page rendered to
 * test/documents/artifacts/ for a person to look at.
 */
export const ARTIFACTS = join(__dirname, '../../../test/documents/artifacts');

const LONG_LABEL =
  'Requalification des espaces publics et résidentialisation de la cité 12/14 — Lens, quartier prioritaire Grande Résidence';

const wide: ReportDocument = {
  title: 'Maquette financière — opérations × financeurs (Σ des parts, écarts « 3 écarts réels »)',
  subtitle: ['Document d’essai : douze colonnes, des libellés longs, deux cents lignes'],
  issuer: 'Communauté d’Agglomération de Lens-Liévin',
  generatedAt: '2026-07-14T10:00:00.000Z',
  fileName: 'essai-large',
  tables: [
    {
      name: 'Opérations',
      title: 'Opérations et parts de chaque financeur',
      columns: [
        { header: 'Opération', kind: 'text' },
        { header: 'Quartier', kind: 'text' },
        { header: 'Année', kind: 'year' },
        ...[
          'ANRU',
          'Caisse des Dépôts',
          'Région Hauts-de-France',
          'Département du Pas-de-Calais',
          'CALL',
          'Bailleurs',
        ].map((header) => ({ header, kind: 'euros' as const })),
        { header: 'Taux ANRU', kind: 'rate' },
        { header: 'Logements', kind: 'integer' },
        { header: 'Ligne du document', kind: 'text' },
      ],
      rows: Array.from({ length: 200 }, (_, i) => [
        i % 7 === 0 ? `${LONG_LABEL} (tranche ${i})` : `Étude n° ${i}`,
        i % 3 ? 'Cité 12/14' : 'Grande Résidence — Lens',
        2015 + (i % 6),
        ...Array.from({ length: 6 }, (_, j) => BigInt(123_456_789_01 + i * 1_000 + j)),
        3_500,
        i * 10,
        `l. ${5400 + i}`,
      ]),
    },
  ],
};

const narrow: ReportDocument = {
  title: 'Relevé — essai étroit',
  generatedAt: '2026-01-14T10:00:00.000Z',
  fileName: 'essai-etroit',
  tables: [
    {
      name: 'Totaux',
      title: 'Totaux par statut',
      columns: [
        { header: 'Statut', kind: 'text' },
        { header: 'Montant', kind: 'euros' },
      ],
      rows: [
        ['conditionnel', 25_875_000_000n],
        ['ferme', 0n],
      ],
      totals: ['Total', 25_875_000_000n],
    },
  ],
  seal: { reference: 'REL-20260114-0A1B2C3D', fingerprint: 'ABCD 0123', printed: ['Tête n° 1'], payload: 'e30=' },
  signature: ['Pour la CALL (signature) :'],
};

describe('documents as printed (poppler-utils)', () => {
  it.each([
    ['large', wide],
    ['etroit', narrow],
  ])('the %s document: fonts embedded, every word inside the printable area, nothing cut', async (name, document) => {
    const body = await toPdf(document);
    const fonts = pdfFonts(body);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font).toMatchObject({ embedded: true });
      expect(font.name).toMatch(/DejaVu/);
    }
    expect(pdfWords(body).length).toBeGreaterThan(10);
    // No word outside the printable area, no « … » cut.
    expect(await printProblems(body, PDF_MARGIN_PT)).toEqual([]);
    const { text } = await readPdf(body);
    const flat = text.replace(/\s+/g, ' ');
    // Every label whole (wrapped, never cut), the title's « Σ » and « » as themselves, every figure with its « € ».
    for (const table of document.tables)
      for (const row of table.rows) {
        if (typeof row[0] === 'string') expect(flat).toContain(row[0].replace(/\s+/g, ' '));
      }
    expect(flat).toContain(document.title);
    expect(flat).toMatch(/\d,\d{2} €/);
    renderFirstPage(body, join(ARTIFACTS, `essai-${name}.png`));
    expect(statSync(join(ARTIFACTS, `essai-${name}.png`)).size).toBeGreaterThan(5_000);
  });

  it('a wide table goes landscape, a narrow one stays portrait; each page repeats the header', async () => {
    const [wideWords, narrowWords] = [pdfWords(await toPdf(wide)), pdfWords(await toPdf(narrow))];
    expect(wideWords[0].pageWidth).toBeGreaterThan(wideWords[0].pageHeight);
    expect(narrowWords[0].pageWidth).toBeLessThan(narrowWords[0].pageHeight);
    const pages = Math.max(...wideWords.map((w) => w.page));
    expect(pages).toBeGreaterThan(3);
    for (let page = 1; page <= pages; page++)
      expect(wideWords.some((w) => w.page === page && w.text === 'Logements')).toBe(true);
  });

  it('is a PDF/A-2b: its XMP says so, an sRGB output intent, the document language French', async () => {
    const raw = (await toPdf(narrow)).toString('latin1');
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(raw).toMatch(/\/OutputIntents/);
    expect(raw).toMatch(/\/Lang \(fr-FR\)/);
    expect(existsSync(ARTIFACTS)).toBe(true);
  });
});
