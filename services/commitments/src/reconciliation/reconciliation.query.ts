import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery } from '@cvl/platform';
import { findDataSet } from '../import-data-set/find-data-set';
import { readDataSet } from '../import-data-set/read-data-set';
import { reconcile, type Verdict } from '../import-data-set/reconcile';

export interface ReconciliationReport {
  document: string;
  checks: number;
  counts: Record<string, number>;
  lines: ReturnType<typeof reconcile>;
}

export class ReconciliationQuery extends UseCaseQuery<'reconciliation', { verdict?: Verdict }, ReconciliationReport> {
  readonly type = 'reconciliation';
}

/** The data set read again from its file, every total, product and share recomputed against the document. */
@QueryHandler(ReconciliationQuery)
export class ReconciliationQueryHandler implements IQueryHandler<ReconciliationQuery, ReconciliationReport> {
  async execute({ params }: ReconciliationQuery): Promise<ReconciliationReport> {
    const read = await readDataSet(findDataSet());
    const lines = reconcile(read.dataSet);
    const counts = Object.fromEntries(
      (['concorde', 'arrondi déclaré', 'écart'] as Verdict[]).map((v) => [
        v,
        lines.filter((l) => l.verdict === v).length,
      ]),
    );
    return {
      document: read.dataSet.document,
      checks: lines.length,
      counts,
      lines: params.verdict ? lines.filter((l) => l.verdict === params.verdict) : lines,
    };
  }
}
