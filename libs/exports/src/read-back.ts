/* Reading exports back as people open them — for tests, and for `cvl audit verify` (the text a statement prints): import from @cvl/exports/read-back. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  // exceljs reads a cached « <v>0</v> » as no result at all (the file has it: toXlsx always writes the result).
  const shown = (cell: unknown) =>
    cell !== null && typeof cell === 'object' && 'formula' in cell
      ? ((cell as { result?: unknown }).result ?? 0)
      : cell;
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

/*
 * The PDF as a printer sees it, through Debian's poppler-utils (tools/test.sh installs them): which fonts it carries,
 * where each word lies, and its first page as an image.
 */
function withPdfFile<T>(body: Buffer, use: (path: string, folder: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), 'cvl-pdf-'));
  try {
    const path = join(folder, 'document.pdf');
    writeFileSync(path, body);
    return use(path, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** `pdffonts`: every font the pages use, and whether it is embedded. */
export function pdfFonts(body: Buffer): PdfFont[] {
  const output = withPdfFile(body, (path) => execFileSync('pdffonts', [path], { encoding: 'utf8' }));
  return output
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      // name, type (may hold spaces), encoding, then emb sub uni (yes/no) and the object id.
      const match = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!match) throw new Error(`ligne de pdffonts illisible : ${line}`);
      return { name: match[1], type: match[2], embedded: match[4] === 'yes' };
    });
}

export interface PdfWord {
  page: number;
  pageWidth: number;
  pageHeight: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** `pdftotext -bbox`: every word with its box on its page (points, from the top left). */
export function pdfWords(body: Buffer): PdfWord[] {
  const html = withPdfFile(body, (path) =>
    execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  );
  const words: PdfWord[] = [];
  let page = 0;
  let size = { width: 0, height: 0 };
  for (const match of html.matchAll(
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
  )) {
    if (match[1]) {
      page++;
      size = { width: Number(match[1]), height: Number(match[2]) };
      continue;
    }
    words.push({
      page,
      pageWidth: size.width,
      pageHeight: size.height,
      xMin: Number(match[3]),
      yMin: Number(match[4]),
      xMax: Number(match[5]),
      yMax: Number(match[6]),
      text: unescapeXml(match[7]),
    });
  }
  return words;
}

/** `pdftoppm`: the first page as a PNG at `target` (for a person to look at: a CI artefact). */
export function renderFirstPage(body: Buffer, target: string, dpi = 80): void {
  mkdirSync(dirname(target), { recursive: true });
  withPdfFile(body, (path, folder) => {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      path,
      join(folder, 'page'),
    ]);
    writeFileSync(target, readFileSync(join(folder, 'page.png')));
  });
}

/**
 * What would stop a PDF from printing as issued: a font not embedded, a word outside the printable area (the page
 * less `marginPt` all round; half a point of slack for the glyphs' side bearings), a « … » where a text was cut.
 * Empty when it prints whole.
 */
export async function printProblems(body: Buffer, marginPt = 36): Promise<string[]> {
  const problems = pdfFonts(body)
    .filter((font) => !font.embedded)
    .map((font) => `police non incorporée : ${font.name}`);
  for (const w of pdfWords(body))
    if (
      w.xMin < marginPt - 0.5 ||
      w.yMin < marginPt - 0.5 ||
      w.xMax > w.pageWidth - marginPt + 0.5 ||
      w.yMax > w.pageHeight - marginPt + 0.5
    )
      problems.push(`page ${w.page} : « ${w.text} » hors de la zone imprimable`);
  if ((await readPdf(body)).text.includes('…')) problems.push('texte coupé par « … »');
  return problems;
}
