import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import {
  assertWellFormed,
  formatCell,
  generatedLine,
  readsEuros,
  type ReportDocument,
  type ReportTable,
} from './report';

/*
 * A printable A4 document, as a funder files it: PDF/A-2b (fonts embedded, colours calibrated, metadata in XMP), in
 * DejaVu Sans Condensed (an open font from a registry package: French, « € », « Σ », « … » all print), tables whose
 * columns take their width from their content, cells that wrap instead of being cut, headers repeated on each page,
 * « page n / N » at the foot, the reference and fingerprint at the end, a signature block when the document has one.
 */

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// Named by their paths: pdfkit caches a font under the name it is asked by, and a registered alias of the default font
// would be parsed again at every call (its cache is keyed by the font's own name then).
const REGULAR = join(FONT_DIR, 'DejaVuSansCondensed.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSansCondensed-Bold.ttf');
/** The printable area: everything written lies at least this far inside the page's edges. */
export const PDF_MARGIN_PT = 36;
const FOOTER_PT = 18;
const PAD_PT = 3;
/** Room left under a signature line (« … (signature) : »): enough for a hand and a stamp. */
const SIGN_ROOM_PT = 48;
/** Table text, from the most legible down: a table too wide for its page is set smaller before words are broken. */
const TABLE_SIZES_PT = [8, 7.5, 7, 6.5, 6] as const;
const A4_PT = { short: 595.28, long: 841.89 };
/** A table wraps into portrait up to this much narrower than its one-line width; wider ones go landscape. */
const PORTRAIT_WRAP_RATIO = 1.6;
/** A table narrower than this share of the page is widened to it (its label columns take the room). */
const MIN_TABLE_SHARE = 0.6;

type Pdf = InstanceType<typeof PDFDocument>;

interface Lines {
  cells: string[];
  bold: boolean;
}

interface Layout {
  sizePt: number;
  widthsPt: number[];
}

/**
 * A cell as printed: amounts read with their « € », as on a French statement (a figure never wraps: its column is
 * at least its width, so a plain space before the sign is safe, and the text copied out reads as formatEurosFr's).
 */
const printed = (cell: ReportTable['rows'][number][number], kind: ReportTable['columns'][number]['kind']) =>
  kind === 'euros' && cell !== null ? `${formatCell(cell, kind)} €` : formatCell(cell, kind);

const cellsOf = (table: ReportTable): Lines[] => [
  ...table.rows.map((row) => ({ cells: row.map((cell, i) => printed(cell, table.columns[i].kind)), bold: false })),
  ...(table.totals ? [{ cells: table.totals.map((cell, i) => printed(cell, table.columns[i].kind)), bold: true }] : []),
];

const longestWordPt = (pdf: Pdf, text: string) =>
  Math.max(0, ...text.split(/\s+/).map((word) => pdf.widthOfString(word)));

/**
 * Each column's width on one line (natural) and the least it can take without breaking a word or a figure (min):
 * a figure never wraps; a label wraps at its spaces; a header wraps to its longest word.
 */
function measure(pdf: Pdf, table: ReportTable, sizePt: number): { natural: number[]; min: number[] } {
  const lines = cellsOf(table);
  const natural: number[] = [];
  const min: number[] = [];
  table.columns.forEach((column, i) => {
    pdf.font(BOLD).fontSize(sizePt);
    let naturalPt = pdf.widthOfString(column.header);
    let minPt = longestWordPt(pdf, column.header);
    for (const line of lines) {
      pdf.font(line.bold ? BOLD : REGULAR).fontSize(sizePt);
      const whole = pdf.widthOfString(line.cells[i]);
      naturalPt = Math.max(naturalPt, whole);
      minPt = Math.max(minPt, column.kind === 'text' ? longestWordPt(pdf, line.cells[i]) : whole);
    }
    natural.push(naturalPt + 2 * PAD_PT);
    min.push(minPt + 2 * PAD_PT);
  });
  return { natural, min };
}

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

/**
 * Widths for a page `widthPt` wide: on one line when they fit (text columns then take some room, so that a small
 * table still reads as a table: at least MIN_TABLE_SHARE of the page), else each column between its least and its
 * natural width in proportion to what wrapping saves; undefined when even the least is too wide.
 */
function fit(natural: readonly number[], min: readonly number[], widthPt: number, table: ReportTable) {
  const naturalPt = sum(natural);
  if (naturalPt <= widthPt) {
    const targetPt = Math.max(naturalPt, widthPt * MIN_TABLE_SHARE);
    const texts = table.columns.map((c) => c.kind === 'text');
    const growable = texts.some(Boolean) ? texts : texts.map(() => true);
    const share = sum(natural.filter((_, i) => growable[i]));
    return natural.map((w, i) => (growable[i] ? w + ((targetPt - naturalPt) * w) / share : w));
  }
  const minPt = sum(min);
  if (minPt > widthPt) return undefined;
  const slack = naturalPt - minPt;
  return min.map((m, i) => m + ((natural[i] - m) * (widthPt - minPt)) / slack);
}

function layout(pdf: Pdf, table: ReportTable, widthPt: number): Layout {
  for (const sizePt of TABLE_SIZES_PT) {
    const { natural, min } = measure(pdf, table, sizePt);
    const widthsPt = fit(natural, min, widthPt, table);
    if (widthsPt) return { sizePt, widthsPt };
  }
  // Wider than the page even in the smallest size: columns in proportion, and pdfkit breaks the longest words.
  const sizePt = TABLE_SIZES_PT[TABLE_SIZES_PT.length - 1];
  const { min } = measure(pdf, table, sizePt);
  const total = sum(min);
  return { sizePt, widthsPt: min.map((m) => (m * widthPt) / total) };
}

/** Portrait when every table fits its width with moderate wrapping, else landscape. */
function orientationOf(pdf: Pdf, document: ReportDocument): 'portrait' | 'landscape' {
  if (document.orientation) return document.orientation;
  const portraitPt = A4_PT.short - 2 * PDF_MARGIN_PT;
  const fits = document.tables.every((table) => {
    const { natural, min } = measure(pdf, table, TABLE_SIZES_PT[0]);
    return sum(min) <= portraitPt && sum(natural) <= portraitPt * PORTRAIT_WRAP_RATIO;
  });
  return fits ? 'portrait' : 'landscape';
}

/** No XML-special characters in the title and author: pdfkit writes them into the XMP unescaped (« & » → « et »). */
const xmlSafe = (text: string) => text.replace(/&/g, 'et').replace(/</g, '‹').replace(/>/g, '›');

export async function toPdf(document: ReportDocument): Promise<Buffer> {
  document.tables.forEach(assertWellFormed);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: PDF_MARGIN_PT,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'fr-FR',
    displayTitle: true,
    font: REGULAR,
    autoFirstPage: false,
    info: {
      Title: xmlSafe(document.title),
      Author: xmlSafe(document.issuer ?? 'Contrat de ville de Lens-Liévin'),
      Creator: 'Contrat de ville — registre des financements',
      CreationDate: new Date(document.generatedAt),
    },
  });
  // The seal, as ASCII (base64): `cvl audit verify` reads it back from the info dictionary, no PDF library needed.
  if (document.seal) (pdf.info as Record<string, unknown>).CvlSceau = document.seal.payload;
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const layoutName = orientationOf(pdf, document);
  const newPage = () => {
    pdf.addPage({ size: 'A4', layout: layoutName, margin: PDF_MARGIN_PT });
    return PDF_MARGIN_PT;
  };
  let y = newPage();
  const width = pdf.page.width - 2 * PDF_MARGIN_PT;
  const bottom = () => pdf.page.height - PDF_MARGIN_PT - FOOTER_PT;
  /** Room for `heightPt` more on this page, or a new one. */
  const room = (heightPt: number) => {
    if (y + heightPt > bottom()) y = newPage();
  };
  const paragraph = (text: string, font: string, sizePt: number, color = 'black', gapPt = 2) => {
    pdf.font(font).fontSize(sizePt);
    const heightPt = pdf.heightOfString(text, { width });
    room(heightPt);
    pdf.fillColor(color).text(text, PDF_MARGIN_PT, y, { width }).fillColor('black');
    y += heightPt + gapPt;
  };

  paragraph(document.title, BOLD, 14, 'black', 4);
  for (const line of document.subtitle ?? []) paragraph(line, REGULAR, 9);
  if (document.issuer) paragraph(`Émis par : ${document.issuer}`, REGULAR, 9);
  paragraph(generatedLine(document.generatedAt), REGULAR, 9, '#555555');
  if (readsEuros(document)) paragraph('Montants en euros (€), au centime.', REGULAR, 9, '#555555');
  for (const notice of document.notices ?? []) {
    y += 4;
    paragraph(notice, BOLD, 10, '#b34000');
  }
  y += 8;

  for (const table of document.tables) {
    const { sizePt, widthsPt } = layout(pdf, table, width);
    const tablePt = sum(widthsPt);
    const heightOf = (cells: readonly string[], bold: boolean) => {
      pdf.font(bold ? BOLD : REGULAR).fontSize(sizePt);
      return (
        Math.max(...cells.map((text, i) => pdf.heightOfString(text || ' ', { width: widthsPt[i] - 2 * PAD_PT }))) +
        2 * PAD_PT
      );
    };
    const draw = (cells: readonly string[], bold: boolean, shade?: string) => {
      const heightPt = heightOf(cells, bold);
      if (shade) pdf.rect(PDF_MARGIN_PT, y, tablePt, heightPt).fill(shade).fillColor('black');
      pdf.font(bold ? BOLD : REGULAR).fontSize(sizePt);
      let x = PDF_MARGIN_PT;
      cells.forEach((text, i) => {
        pdf.text(text, x + PAD_PT, y + PAD_PT, {
          width: widthsPt[i] - 2 * PAD_PT,
          align: table.columns[i].kind === 'text' ? 'left' : 'right',
        });
        x += widthsPt[i];
      });
      y += heightPt;
      pdf
        .moveTo(PDF_MARGIN_PT, y)
        .lineTo(PDF_MARGIN_PT + tablePt, y)
        .lineWidth(0.3)
        .strokeColor('#bbbbbb')
        .stroke();
    };
    const headers = table.columns.map((c) => c.header);
    const headerPt = heightOf(headers, true);
    pdf.font(BOLD).fontSize(10);
    const titlePt = pdf.heightOfString(table.title, { width }) + 4;
    const lines = cellsOf(table);
    // The totals never open a page alone: the row before them goes over with them.
    const neededPt = (index: number) => {
      const next = table.totals && index === lines.length - 2 ? lines[index + 1] : undefined;
      return heightOf(lines[index].cells, lines[index].bold) + (next ? heightOf(next.cells, next.bold) : 0);
    };
    // The title never sits alone at the foot of a page: with its header and a first row, or on the next page.
    room(titlePt + headerPt + (lines.length ? neededPt(0) : 0));
    pdf.font(BOLD).fontSize(10).text(table.title, PDF_MARGIN_PT, y, { width });
    y += titlePt;
    draw(headers, true, '#e6e6e6');
    for (const [index, line] of lines.entries()) {
      if (y + neededPt(index) > bottom()) {
        y = newPage();
        pdf.font(BOLD).fontSize(8).fillColor('#555555').text(`${table.title} (suite)`, PDF_MARGIN_PT, y, { width });
        pdf.fillColor('black');
        y += pdf.heightOfString(`${table.title} (suite)`, { width }) + 2;
        draw(headers, true, '#e6e6e6');
      }
      draw(line.cells, line.bold, line.bold ? '#f2f2f2' : undefined);
    }
    if (lines.length === 0) paragraph('Aucune ligne.', REGULAR, 8, '#555555');
    y += 12;
  }

  if (document.seal) {
    const seal = document.seal;
    y += 4;
    paragraph('Authenticité', BOLD, 10);
    paragraph(`Référence : ${seal.reference}`, BOLD, 9);
    paragraph(`Empreinte : ${seal.fingerprint}`, REGULAR, 9);
    for (const line of seal.printed) paragraph(line, REGULAR, 8, '#333333');
    y += 6;
  }
  if (document.signature) {
    const boxWidthPt = Math.min(260, width);
    const x = PDF_MARGIN_PT + width - boxWidthPt;
    pdf.font(REGULAR).fontSize(9);
    const heightOf = (line: string) =>
      pdf.heightOfString(line, { width: boxWidthPt - 8 }) + (line.endsWith(':') ? SIGN_ROOM_PT : 4);
    const boxPt = sum(document.signature.map(heightOf)) + 8;
    room(boxPt);
    pdf.rect(x, y, boxWidthPt, boxPt).lineWidth(0.5).strokeColor('#777777').stroke();
    let lineY = y + 6;
    for (const line of document.signature) {
      pdf.fillColor('black').text(line, x + 4, lineY, { width: boxWidthPt - 8 });
      lineY += heightOf(line);
    }
    y += boxPt + 4;
  }

  const range = pdf.bufferedPageRange();
  // The footer sits in the bottom margin's band reserved for it: let it, rather than have pdfkit open a page.
  for (let page = range.start; page < range.start + range.count; page++) {
    pdf.switchToPage(page);
    pdf.page.margins.bottom = 0;
    pdf.font(REGULAR).fontSize(7).fillColor('#555555');
    const pageText = `page ${page - range.start + 1} / ${range.count}`;
    const pagePt = pdf.widthOfString(pageText);
    const left = document.seal ? `${document.title} — réf. ${document.seal.reference}` : document.title;
    const footerY = pdf.page.height - PDF_MARGIN_PT - 9;
    // The left part wraps on two lines at most rather than running under the page number.
    pdf.text(left, PDF_MARGIN_PT, footerY - (pdf.widthOfString(left) > width - pagePt - 12 ? 8 : 0), {
      width: width - pagePt - 12,
    });
    pdf.text(pageText, PDF_MARGIN_PT + width - pagePt, footerY, { width: pagePt + 1, lineBreak: false });
  }
  pdf.end();
  return done;
}
