import { QueryHandler } from '@nestjs/cqrs';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { CommitmentsState } from '../domain/state';
import { reconcile, recordedFigures, VERDICTS, type Verdict } from '../import-data-set/reconcile';

export interface ReconciliationReport {
  document: string;
  checks: number;
  counts: Record<string, number>;
  lines: ReturnType<typeof reconcile>;
}

export class ReconciliationQuery extends LedgerQuery<'reconciliation', { verdict?: Verdict }, ReconciliationReport> {
  readonly type = 'reconciliation';
}

/** Every total, product and share of the document's lines the ledger recorded (its events), recomputed. */
@QueryHandler(ReconciliationQuery)
export class ReconciliationQueryHandler extends LedgerQueryHandler<ReconciliationQuery, ReconciliationReport> {
  protected read({ verdict }: ReconciliationQuery['params'], state: CommitmentsState): ReconciliationReport {
    const lines = reconcile(recordedFigures(state));
    const first = state.documentFigures.values().next().value;
    const source = first?.trace.source;
    return {
      document: source?.kind === 'document' ? source.document : '',
      checks: lines.length,
      counts: Object.fromEntries(VERDICTS.map((v) => [v, lines.filter((l) => l.verdict === v).length])),
      lines: verdict ? lines.filter((l) => l.verdict === verdict) : lines,
    };
  }
}
