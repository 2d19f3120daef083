import { formatEurosFr, formatIntegerFr } from '@cvl/money';
import { parisDateTime } from './dates';

/**
 * A report as people read it, before it is a file: a title and one or more tables. One description serves CSV,
 * XLSX and PDF, so the three formats always carry the same figures.
 */
export interface ReportDocument {
  /** Title of the document (first line of the PDF, workbook title). */
  title: string;
  /** What the document covers: filters, version, act… one line each. */
  subtitle?: string[];
  /** When the figures were read (ISO 8601). */
  generatedAt: string;
  /** File name without extension, e.g. « releve-maisons-et-cites ». */
  fileName: string;
  /** Who issues the document (« Communauté d’Agglomération de Lens-Liévin — équipe du contrat de ville »). */
  issuer?: string;
  /** What the reader must know before reading a figure (a read model still rebuilding): printed first, in bold. */
  notices?: string[];
  tables: ReportTable[];
  /** The document's reference and fingerprint, printed at its end and embedded for `cvl audit verify`. */
  seal?: DocumentSeal;
  /** The signature block: who signs, where, when (one line each); a line ending in « : » is followed by room to sign. */
  signature?: string[];
  /** Forced page orientation; otherwise portrait when every table fits it, landscape when not. */
  orientation?: 'portrait' | 'landscape';
}

/** What makes a document checkable: printed for the reader, embedded (ASCII) for the verifier. */
export interface DocumentSeal {
  /** « REL-2026-1204-3F9A0C21 »: what a reader quotes. */
  reference: string;
  /** The hash a reader compares, grouped for reading. */
  fingerprint: string;
  /** Further lines printed under them: the signed log head, how to check. */
  printed: string[];
  /** The machine-readable seal (base64 of canonical JSON): the PDF's « CvlSceau » entry, the workbook's property. */
  payload: string;
}

/** How a column's cells are typed and shown: a year is a number (« 2016 », never grouped), not text. */
export type ColumnKind = 'text' | 'euros' | 'rate' | 'integer' | 'year';

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
}

/** A cell: text; euros as bigint cents; a rate in basis points; an integer; or nothing. */
export type ReportCell = string | bigint | number | null;

export interface ReportTable {
  /** Sheet name in XLSX (at most 31 characters, no []:*?/\). */
  name: string;
  /** Heading above the table in PDF and CSV. */
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** A last row in bold: what the rows add up to. */
  totals?: ReportCell[];
}

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'pdf'];

/** A cell as French readers read it: « 1 700 000,00 », « 12,50 % », « 3 500 ». */
export function formatCell(cell: ReportCell, kind: ColumnKind): string {
  if (cell === null) return '';
  switch (kind) {
    case 'euros':
      if (typeof cell !== 'bigint') throw new TypeError(`montant attendu en centimes (bigint), reçu ${typeof cell}`);
      return formatEurosFr(cell, { symbol: false });
    case 'rate':
      // Basis points have two decimals of a percent, as cents have of a euro: the same French layout.
      return `${formatEurosFr(BigInt(cell), { symbol: false })} %`;
    case 'integer':
      return formatIntegerFr(BigInt(cell));
    case 'year':
      return String(cell);
    default:
      return String(cell);
  }
}

/** Checks a table's shape once, so every renderer can trust it: each row as wide as the columns, euros as cents. */
export function assertWellFormed(table: ReportTable): void {
  const rows = table.totals ? [...table.rows, table.totals] : table.rows;
  rows.forEach((row, index) => {
    if (row.length !== table.columns.length)
      throw new RangeError(
        `${table.name}, ligne ${index + 1} : ${row.length} cellules pour ${table.columns.length} colonnes`,
      );
    row.forEach((cell, column) => {
      if (table.columns[column].kind === 'euros' && cell !== null && typeof cell !== 'bigint') {
        throw new TypeError(
          `${table.name}, ligne ${index + 1}, colonne « ${table.columns[column].header} » : montant attendu en centimes (bigint)`,
        );
      }
    });
  });
}

/** The content type and download name of each format. */
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** « Édité le 25/11/2026 à 23:10 (heure de Paris) ». */
export function generatedLine(iso: string): string {
  return `Édité le ${parisDateTime(iso)} (heure de Paris)`;
}

/** True when any table reads amounts: the document then says they are in euros. */
export const readsEuros = (document: ReportDocument) =>
  document.tables.some((table) => table.columns.some((column) => column.kind === 'euros'));
