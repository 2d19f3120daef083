import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import type { DataSet } from './data-set';
import { parseCsv } from '@cvl/exports';
import { dataSetFromTables, TABLE_FILES, type Table } from './tables';
import type { ImportError } from './validate';
import { assertSafeXlsx } from './xlsx-guard';

export interface ReadResult {
  dataSet: DataSet;
  /** Errors of reading (unreadable amounts, missing tables); validateDataSet adds the rules. */
  errors: ImportError[];
  format: 'csv' | 'xlsx' | 'json';
}

const MAX_BYTES = 50 * 1024 * 1024;

function tableFromRows(file: string, rows: string[][]): Table {
  const [header = [], ...body] = rows;
  const columns = header.map((h) => h.trim().toLowerCase());
  return {
    file,
    rows: body.map((cells, index) => ({
      row: index + 2,
      cells: Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])),
    })),
  };
}

/** Reads a data set: a folder of CSV files, one XLSX workbook (a sheet per table), or one JSON file. */
export async function readDataSet(path: string): Promise<ReadResult> {
  if (!existsSync(path)) throw new Error(`introuvable : ${path}`);
  if (statSync(path).isDirectory()) {
    const tables: Partial<Record<(typeof TABLE_FILES)[number], Table>> = {};
    for (const name of TABLE_FILES) {
      const file = join(path, `${name}.csv`);
      if (existsSync(file)) tables[name] = tableFromRows(`${name}.csv`, parseCsv(readFileSync(file, 'utf8')));
    }
    return { ...dataSetFromTables(tables), format: 'csv' };
  }
  if (statSync(path).size > MAX_BYTES)
    throw new Error(`fichier trop volumineux (plus de ${MAX_BYTES / 1024 / 1024} Mo)`);
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return readJsonDataSet(readFileSync(path, 'utf8'), basename(path));
  if (extension === '.xlsx') return readXlsxDataSet(readFileSync(path), basename(path));
  throw new Error(
    `format non pris en charge : ${extension || 'sans extension'} (attendu : dossier de CSV, .xlsx ou .json)`,
  );
}

/** A data set in JSON (a file, or an upload), each row located in its table. */
export function readJsonDataSet(text: string, file: string): ReadResult {
  let raw: DataSet;
  try {
    raw = JSON.parse(text) as DataSet;
  } catch (error) {
    return {
      dataSet: {
        document: '',
        effectiveDate: '',
        references: [],
        conditions: [],
        envelopes: [],
        operations: [],
        figures: [],
      } as unknown as DataSet,
      errors: [{ file, row: 0, column: '', reason: `JSON illisible : ${(error as Error).message}` }],
      format: 'json',
    };
  }
  // A row sent with where it was read (`cvl import` of a CSV folder, through the API) keeps that place.
  const located = (origin: unknown): origin is { file: string; row: number } =>
    typeof origin === 'object' &&
    origin !== null &&
    typeof (origin as { file?: unknown }).file === 'string' &&
    Number.isInteger((origin as { row?: unknown }).row);
  const locate = <T extends object>(rows: T[] | undefined, table: string) =>
    (Array.isArray(rows) ? rows : []).map((r, i) => {
      const origin = (r as { origin?: unknown }).origin;
      return {
        ...r,
        origin: located(origin)
          ? { file: origin.file.slice(0, 200), row: origin.row }
          : { file: `${file} › ${table}`, row: i + 1 },
      };
    });
  return {
    dataSet: {
      ...raw,
      references: locate(raw.references, 'references'),
      conditions: locate(raw.conditions, 'conditions'),
      envelopes: locate(raw.envelopes, 'envelopes'),
      operations: locate(raw.operations, 'operations'),
      figures: locate(raw.figures, 'figures'),
      governance: locate(raw.governance, 'governance'),
    },
    errors: [],
    format: 'json',
  };
}

/** A data set in one XLSX workbook (a sheet per table), checked against zip bombs before it is opened. */
export async function readXlsxDataSet(content: Buffer, file: string): Promise<ReadResult> {
  assertSafeXlsx(content);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const tables: Partial<Record<(typeof TABLE_FILES)[number], Table>> = {};
  for (const name of TABLE_FILES) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) continue;
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let column = 1; column <= sheet.columnCount; column++) cells.push(cellText(row.getCell(column).value));
      rows.push(cells);
    });
    tables[name] = tableFromRows(`${file} › ${name}`, rows);
  }
  return { ...dataSetFromTables(tables, true), format: 'xlsx' };
}

/** A cell as text; numbers in their shortest decimal form (what was typed), so euros stay exact. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('');
  if (typeof value === 'object' && 'result' in value) return cellText(value.result as ExcelJS.CellValue);
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  return String(value);
}
