import PDFDocument from 'pdfkit';
import {
  assertWellFormed,
  formatCell,
  generatedLine,
  type ReportColumn,
  type ReportDocument,
  type ReportTable,
} from './report';

const MARGIN = 36;
const ROW = 14;
const FONT_SIZE = 8;
const NUMBER_WIDTH: Record<Exclude<ReportColumn['kind'], 'text'>, number> = { euros: 88, rate: 52, integer: 52 };

/** Column widths on the page: numbers get a fixed width, text columns share the rest. */
function widths(columns: readonly ReportColumn[], pageWidth: number): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.kind === 'text' ? 0 : NUMBER_WIDTH[c.kind]), 0);
  const texts = columns.filter((c) => c.kind === 'text').length;
  const share = texts ? Math.max(40, (pageWidth - fixed) / texts) : 0;
  return columns.map((c) => (c.kind === 'text' ? share : NUMBER_WIDTH[c.kind]));
}

/**
 * A printable A4 (landscape) document: title, what it covers, when it was edited, then each table with its header
 * repeated on every page, numbers right-aligned in French format, totals in bold, « page n / N » at the foot.
 * Fonts are PDF's standard Helvetica (WinAnsi: accents and « € » print as they are).
 */
export async function toPdf(document: ReportDocument): Promise<Buffer> {
  document.tables.forEach(assertWellFormed);
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: document.title,
      Creator: 'Contrat de ville — registre des financements',
      CreationDate: new Date(document.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;
  const bottom = () => pdf.page.height - MARGIN - ROW * 2;

  pdf.font('Helvetica-Bold').fontSize(14).text(document.title, MARGIN, MARGIN, { width });
  pdf.font('Helvetica').fontSize(9);
  for (const line of document.subtitle ?? []) pdf.text(line, { width });
  pdf.fillColor('#555555').text(generatedLine(document.generatedAt), { width }).fillColor('black');
  let y = pdf.y + ROW;

  const row = (cells: string[], table: ReportTable, columnWidths: number[], bold: boolean, shade?: string) => {
    if (shade)
      pdf
        .rect(MARGIN, y - 2, width, ROW)
        .fill(shade)
        .fillColor('black');
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
    let x = MARGIN;
    cells.forEach((text, i) => {
      const align = table.columns[i].kind === 'text' ? 'left' : 'right';
      pdf.text(text, x + 2, y + 1, {
        width: columnWidths[i] - 4,
        height: ROW - 2,
        align,
        lineBreak: false,
        ellipsis: true,
      });
      x += columnWidths[i];
    });
    y += ROW;
  };

  for (const table of document.tables) {
    const columnWidths = widths(table.columns, width);
    const header = () =>
      row(
        table.columns.map((c) => c.header),
        table,
        columnWidths,
        true,
        '#e6e6e6',
      );
    if (y + ROW * 3 > bottom()) {
      pdf.addPage();
      y = MARGIN;
    }
    pdf.font('Helvetica-Bold').fontSize(10).text(table.title, MARGIN, y, { width });
    y = pdf.y + 4;
    header();
    const lines = [
      ...table.rows.map((r) => ({ r, bold: false })),
      ...(table.totals ? [{ r: table.totals, bold: true }] : []),
    ];
    for (const { r, bold } of lines) {
      if (y > bottom()) {
        pdf.addPage();
        y = MARGIN;
        header();
      }
      row(
        r.map((cell, i) => formatCell(cell, table.columns[i].kind)),
        table,
        columnWidths,
        bold,
        bold ? '#f2f2f2' : undefined,
      );
    }
    y += ROW;
  }

  const range = pdf.bufferedPageRange();
  // The footer sits in the bottom margin: let it, rather than have pdfkit open a page for it.
  for (let page = range.start; page < range.start + range.count; page++) {
    pdf.switchToPage(page);
    pdf.page.margins.bottom = 0;
    pdf.font('Helvetica').fontSize(7).fillColor('#555555');
    pdf.text(
      `${document.title} — page ${page - range.start + 1} / ${range.count}`,
      MARGIN,
      pdf.page.height - MARGIN - 8,
      { width, align: 'center', lineBreak: false },
    );
  }
  pdf.end();
  return done;
}
