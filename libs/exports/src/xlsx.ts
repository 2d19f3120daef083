import ExcelJS from 'exceljs';
import { toSpreadsheetNumber } from '@cvl/money';
import {
  assertWellFormed,
  generatedLine,
  readsEuros,
  type ReportCell,
  type ReportColumn,
  type ReportDocument,
  type ReportTable,
} from './report';

const EURO_FORMAT = '#,##0.00 "€"';
const FORMATS: Partial<Record<ReportColumn['kind'], string>> = {
  euros: EURO_FORMAT,
  rate: '0.00%',
  integer: '#,##0',
  year: '0',
};
/** A font every office suite has, named so that the sheet prints the same everywhere. */
const FONT = { name: 'Arial', size: 10 } as const;
/** The sheet's name of the seal, for `cvl audit verify` and for whoever opens the workbook. */
export const SEAL_LABEL = 'Sceau (vérifiable par cvl audit verify)';

function value(cell: ReportCell, column: ReportColumn): string | number | null {
  if (cell === null) return null;
  switch (column.kind) {
    case 'euros':
      return toSpreadsheetNumber(cell as bigint);
    case 'rate':
      return Number(cell) / 10_000;
    case 'integer':
    case 'year':
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

/**
 * A total the rows add up to is written as the formula that adds them (its value cached beside it): whoever edits a
 * row sees the total follow. A total that is not their sum (a rate, a count of distinct things) stays a value.
 */
function totalCell(table: ReportTable, i: number, columnLetter: string): ExcelJS.CellValue {
  const cell = table.totals?.[i] ?? null;
  const column = table.columns[i];
  const written = value(cell, column);
  if (cell === null || (column.kind !== 'euros' && column.kind !== 'integer') || table.rows.length === 0)
    return written;
  const whole = (x: ReportCell) =>
    typeof x === 'bigint' || Number.isInteger(x) ? BigInt(x as bigint | number) : undefined;
  const parts = table.rows.map((row) => (row[i] === null ? 0n : whole(row[i])));
  if (parts.some((part) => part === undefined) || whole(cell) === undefined) return written;
  const rowsSum = parts.reduce<bigint>((total, part) => total + (part as bigint), 0n);
  if (rowsSum !== whole(cell)) return written;
  return { formula: `SUM(${columnLetter}2:${columnLetter}${table.rows.length + 1})`, result: written as number };
}

/**
 * A workbook with one sheet per table, as finance teams use one: numbers and years as numbers (euros in the euro
 * format, rates as percentages), totals as formulas, the header frozen and filtered, each sheet printing on A4 at the
 * page's width with its header repeated; « À propos » says what it is, who issued it, when, and carries the seal.
 */
export async function toXlsx(document: ReportDocument): Promise<Buffer> {
  document.tables.forEach(assertWellFormed);
  const workbook = new ExcelJS.Workbook();
  workbook.title = document.title;
  workbook.creator = document.issuer ?? 'Contrat de ville de Lens-Liévin';
  workbook.created = new Date(document.generatedAt);
  const taken = new Set<string>();
  for (const table of document.tables) {
    const sheet = workbook.addWorksheet(sheetName(table.name, taken), {
      pageSetup: {
        paperSize: 9,
        orientation: table.columns.length > 5 ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1',
      },
      headerFooter: { oddHeader: `&L${table.title.replace(/&/g, '&&')}`, oddFooter: '&Lpage &P / &N&R&D' },
    });
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { ...FONT, bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    for (const row of table.rows) sheet.addRow(row.map((cell, i) => value(cell, table.columns[i]))).font = FONT;
    if (table.totals)
      sheet.addRow(table.columns.map((_, i) => totalCell(table, i, sheet.getColumn(i + 1).letter))).font = {
        ...FONT,
        bold: true,
      };
    table.columns.forEach((column, i) => {
      const sheetColumn = sheet.getColumn(i + 1);
      sheetColumn.width =
        column.kind === 'text'
          ? Math.min(
              60,
              Math.max(12, column.header.length + 2, ...table.rows.map((r) => String(r[i] ?? '').length + 2)),
            )
          : column.kind === 'euros'
            ? 18
            : Math.max(10, Math.min(18, column.header.length + 2));
      const format = FORMATS[column.kind];
      if (format) sheetColumn.numFmt = format;
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: table.rows.length + 1, column: table.columns.length },
    };
  }
  const about = workbook.addWorksheet(sheetName('À propos', taken));
  const lines: Array<[string, string?]> = [
    [document.title],
    ...(document.subtitle ?? []).map((line): [string] => [line]),
    ...(document.issuer ? [['Émis par', document.issuer] as [string, string]] : []),
    [generatedLine(document.generatedAt)],
    ...(readsEuros(document) ? [['Montants en euros (€), au centime.'] as [string]] : []),
    ...(document.notices ?? []).map((line): [string] => [line]),
    ...(document.seal
      ? ([
          ['Référence', document.seal.reference],
          ['Empreinte', document.seal.fingerprint],
          ...document.seal.printed.map((line): [string] => [line]),
          [SEAL_LABEL, document.seal.payload],
        ] as Array<[string, string?]>)
      : []),
    ...(document.signature ?? []).map((line): [string] => [line]),
  ];
  for (const line of lines) about.addRow(line).font = FONT;
  about.getRow(1).font = { ...FONT, bold: true, size: 12 };
  about.getColumn(1).width = 45;
  about.getColumn(2).width = 80;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
