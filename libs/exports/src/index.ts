export * from './report';
export { csvText, parseCsv, toCsv } from './csv';
export { toXlsx } from './xlsx';
export { toPdf } from './pdf';
export { exportFile } from './export-file';
