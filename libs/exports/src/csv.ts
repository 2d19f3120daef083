import {
  assertWellFormed,
  formatCell,
  generatedLine,
  readsEuros,
  type ReportDocument,
  type ReportTable,
} from './report';

/**
 * CSV as French finance teams save it: « ; » between fields, « " » around fields that need it (doubled inside),
 * UTF-8 with or without BOM, CRLF or LF. Returns rows of fields; the first row is the header.
 */
export function parseCsv(text: string, maxRows = 100_000): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      if (rows.length > maxRows) throw new RangeError(`plus de ${maxRows} lignes`);
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const quote = (text: string) => (/[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Rows of fields in the dialect `parseCsv` reads (no BOM). */
export function csvText(rows: readonly (readonly string[])[]): string {
  return `${rows.map((row) => row.map(quote).join(';')).join('\r\n')}\r\n`;
}

/**
 * A text cell that a spreadsheet would take for a formula (« =HYPERLINK(…) », « +1+cmd », « @SUM », a leading tab or
 * carriage return) is kept as text: a quote in front, as OWASP advises for CSV. Figures are never touched: they come
 * from the money lib, not from people.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function tableLines(table: ReportTable): string[][] {
  const cells = (row: ReportTable['rows'][number]) =>
    row.map((cell, i) =>
      table.columns[i].kind === 'text'
        ? neutraliseFormula(formatCell(cell, 'text'))
        : formatCell(cell, table.columns[i].kind),
    );
  return [
    table.columns.map((c) => neutraliseFormula(c.header)),
    ...table.rows.map(cells),
    ...(table.totals ? [cells(table.totals)] : []),
  ];
}

export interface CsvOptions {
  /** The document's title, issuer, date and reference above the tables (one line each, then an empty line). */
  titleBlock?: boolean;
}

/** The lines above the tables when a title block is asked for: what the PDF prints at its head and at its end. */
function titleBlockLines(document: ReportDocument): string[][] {
  return [
    [document.title],
    ...(document.subtitle ?? []).map((line) => [line]),
    ...(document.issuer ? [[`Émis par : ${document.issuer}`]] : []),
    [generatedLine(document.generatedAt)],
    ...(readsEuros(document) ? [['Montants en euros, au centime (colonnes numériques sans symbole)']] : []),
    ...(document.notices ?? []).map((line) => [line]),
    ...(document.seal
      ? [[`Référence : ${document.seal.reference}`], [`Empreinte : ${document.seal.fingerprint}`]]
      : []),
  ].map((line) => line.map(neutraliseFormula));
}

/**
 * CSV the way French spreadsheets open it: UTF-8 with BOM, « ; » between cells, decimal comma, CRLF, figures with no
 * « € » so that they import as numbers. A document of one table is that table; with several, each comes under its
 * title, separated by an empty line; with `titleBlock`, the document's own heading comes first.
 */
export function toCsv(document: ReportDocument, options: CsvOptions = {}): Buffer {
  document.tables.forEach(assertWellFormed);
  const single = document.tables.length === 1 && !options.titleBlock;
  const blocks = [
    ...(options.titleBlock ? [titleBlockLines(document)] : []),
    ...document.tables.map((table) => [...(single ? [] : [[table.title]]), ...tableLines(table)]),
  ];
  const lines = blocks.flatMap((block, i) => (i === 0 ? block : [[], ...block]));
  return Buffer.from(`\ufeff${csvText(lines)}`, 'utf8');
}
