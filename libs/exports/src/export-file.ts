import { toCsv, type CsvOptions } from './csv';
import { toPdf } from './pdf';
import { CONTENT_TYPES, type ExportFormat, type ReportDocument } from './report';
import { toXlsx } from './xlsx';

/** A report rendered as a downloadable file: bytes, content type and the Content-Disposition naming it. */
export async function exportFile(
  document: ReportDocument,
  format: ExportFormat,
  options: CsvOptions = {},
): Promise<{ body: Buffer; type: string; disposition: string }> {
  const body =
    format === 'csv' ? toCsv(document, options) : format === 'xlsx' ? await toXlsx(document) : await toPdf(document);
  return { body, type: CONTENT_TYPES[format], disposition: `attachment; filename="${document.fileName}.${format}"` };
}
