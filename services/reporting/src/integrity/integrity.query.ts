import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery } from '@cvl/platform';
import { aeCpDisagreements, aeCpRows, type LedgerAeCp } from '../ae-cp/ae-cp';
import { funderStatement } from '../funder-statement/funder-statement';
import { ReadModels } from '../infrastructure/read-models';
import { askService } from '../infrastructure/service-client';
import { SOURCES, type StoreAccess } from '../projection/read-model-projector';
import {
  integrityReport,
  totalsDisagreements,
  type ChainCheck,
  type IntegrityReport,
  type LedgerBalances,
  type OperationsOverCap,
  type ReconciliationSummary,
} from './integrity';

/** Checks everything, asking each service with the caller's own credentials (where the process listens). */
export class IntegrityCheckQuery extends UseCaseQuery<'integrity-check', StoreAccess, IntegrityReport> {
  readonly type = 'integrity-check';
}

/**
 * Each service's hash chains (and what its relay and consumers set aside), the ledger's balance, reporting's totals
 * against the ledger's, funder by funder, AE/CP year by year, and the reconciliation with the data set when the ledger has one.
 */
@QueryHandler(IntegrityCheckQuery)
export class IntegrityCheckQueryHandler implements IQueryHandler<IntegrityCheckQuery, IntegrityReport> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { origin, authorization } }: IntegrityCheckQuery): Promise<IntegrityReport> {
    const chains: ChainCheck[] = [];
    for (const service of SOURCES)
      chains.push(await askService<ChainCheck>(service, origin, `/api/${service}/hash-chains`, authorization));
    const balances = await askService<LedgerBalances>(
      'commitments',
      origin,
      '/api/commitments/balances',
      authorization,
    );
    const reconciliation = await askService<ReconciliationSummary>(
      'commitments',
      origin,
      '/api/commitments/reconciliation?verdict=%C3%A9cart',
      authorization,
    ).catch(() => undefined);
    const overCap = await askService<OperationsOverCap>(
      'commitments',
      origin,
      '/api/commitments/operations?overCap=true',
      authorization,
    );
    const ledgerAeCp = await askService<LedgerAeCp>('commitments', origin, '/api/commitments/ae-cp', authorization);
    const docs = await this.readModels.all();
    const ours = aeCpRows(docs).rows;
    const funders = [...new Set(docs.map((d) => d.funder))];
    const readModel = new Map(funders.map((funder) => [funder, funderStatement(docs, funder).totals]));
    return integrityReport({
      chains,
      balances,
      disagreements: totalsDisagreements(readModel, balances.funders),
      ...(reconciliation ? { reconciliation } : {}),
      overCap,
      aeCp: {
        years: new Set([...ours.map((r) => r.year), ...ledgerAeCp.rows.map((r) => r.year)]).size,
        disagreements: aeCpDisagreements(ours, ledgerAeCp),
      },
      checkedAt: new Date().toISOString(),
    });
  }
}
