export { CommitmentsModule } from './commitments.module';
export { commitmentsDescription } from './commitments.description';
export { CommitmentsLedger, LEDGER_STREAM } from './infrastructure/commitments-ledger';
export {
  importDataSet,
  InvalidDataSetError,
  type ImportSummary,
  type ImportProgress,
} from './import-data-set/import-data-set';
export { readDataSet } from './import-data-set/read-data-set';
export { validateDataSet, type ImportError } from './import-data-set/validate';
export type { DataSet, FigureRow } from './import-data-set/data-set';
export { reconcile, reconciliationTable, recordedFigures, type ReconciliationLine } from './import-data-set/reconcile';
export { findDataSet, CONTRACT_DATA_SET } from './import-data-set/find-data-set';
export { ImportDataSetCommand, importOverLedger } from './import-data-set/import-data-set.handler';
export { registerOrganisation } from './record-reference/register-organisation';
export { referenceKey } from './domain/state';
export { publishedLedgerEvents, LEDGER_INTERNALS } from './infrastructure/published-events';
