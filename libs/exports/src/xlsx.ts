import ExcelJS from 'exceljs';
import { toSpreadsheetNumber } from '@cvl/money';
import { assertWellFormed, generatedLine, type ReportCell, type ReportColumn, type ReportDocument } from './report';

const EURO_FORMAT = '#,##0.00 "€"';

function value(cell: ReportCell, column: ReportColumn): string | number | null {
  if (cell === null) return null;
  switch (column.kind) {
    case 'euros':
      return toSpreadsheetNumber(cell as bigint);
    case 'rate':
      return Number(cell) / 10_000;
    case 'integer':
      return Number(cell);
    default:
      return String(cell);
  }
}

const sheetName = (name: string, taken: Set<string>) => {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Feuille';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++)
    candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
};

/** A workbook with one sheet per table: numbers as numbers (euros with the euro format, rates as percentages). */
export async function toXlsx(document: ReportDocument): Promise<Buffer> {
  document.tables.forEach(assertWellFormed);
  const workbook = new ExcelJS.Workbook();
  workbook.title = document.title;
  workbook.created = new Date(document.generatedAt);
  const taken = new Set<string>();
  for (const table of document.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.name, taken));
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell, i) => value(cell, table.columns[i])));
    if (table.totals) sheet.addRow(table.totals.map((cell, i) => value(cell, table.columns[i]))).font = { bold: true };
    table.columns.forEach((column, i) => {
      const sheetColumn = sheet.getColumn(i + 1);
      sheetColumn.width =
        column.kind === 'text'
          ? Math.min(
              60,
              Math.max(12, column.header.length + 2, ...table.rows.map((r) => String(r[i] ?? '').length + 2)),
            )
          : 18;
      if (column.kind === 'euros') sheetColumn.numFmt = EURO_FORMAT;
      if (column.kind === 'rate') sheetColumn.numFmt = '0.00%';
      if (column.kind === 'integer') sheetColumn.numFmt = '#,##0';
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const about = workbook.addWorksheet(sheetName('À propos', taken));
  for (const line of [document.title, ...(document.subtitle ?? []), generatedLine(document.generatedAt)])
    about.addRow([line]);
  about.getColumn(1).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
