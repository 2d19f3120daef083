/* Reading exports back as people open them — for tests, and for `cvl audit verify` (the text a statement prints): import from @cvl/exports/read-back. */
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { parseCsv } from './csv';

/** A CSV export read back as a spreadsheet would: rows of fields. */
export function readCsv(body: Buffer): string[][] {
  return parseCsv(body.toString('utf8'));
}

/** An XLSX export opened with exceljs, whole: formulas, formats, views, print setup. */
export async function openXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook;
}

/** An XLSX export as a spreadsheet shows it: each sheet's rows of values (numbers stay numbers, formulas their result). */
export async function readXlsx(body: Buffer): Promise<Map<string, unknown[][]>> {
  const workbook = await openXlsx(body);
  const shown = (cell: unknown) =>
    cell !== null && typeof cell === 'object' && 'formula' in cell ? (cell as { result?: unknown }).result : cell;
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(shown)));
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

/** A PDF export's text, extracted by pdf.js (what a reader copies out of it), and its page count. */
export async function readPdf(body: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
}

/** Euro figures as a French reader writes them (« 1 700 000,00 »), back to cents — for comparing exports with the API. */
export function centsFromFrench(text: string): bigint {
  const match = /^(-)?(\d{1,3}(?: \d{3})*),(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`montant au format français attendu, reçu « ${text} »`);
  const cents = BigInt(match[2].replace(/ /g, '')) * 100n + BigInt(match[3]);
  return match[1] ? -cents : cents;
}
