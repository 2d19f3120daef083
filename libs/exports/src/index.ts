export * from './report';
export { csvText, parseCsv, toCsv, type CsvOptions } from './csv';
export { SEAL_LABEL, toXlsx } from './xlsx';
export { PDF_MARGIN_PT, toPdf } from './pdf';
export { exportFile } from './export-file';
export { frenchDate, parisDateTime, parisDay } from './dates';
