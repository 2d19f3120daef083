import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ReportDocument } from '@cvl/exports';
import { UseCaseQuery, type Access } from '@cvl/platform';
import { ownCommitments, ownEnvelopes, visibleOperations } from '../access/read-scope';
import { coFinancingMatrix } from '../co-financing-matrix/co-financing-matrix';
import { matrixReport } from '../co-financing-matrix/co-financing-matrix.report';
import { pendingByCondition, poolPositions } from '../conditions-and-pools/conditions-and-pools';
import { conditionsTable, poolsTable } from '../conditions-and-pools/conditions-and-pools.report';
import { envelopePositions } from '../envelopes/envelopes';
import { envelopesReport } from '../envelopes/envelopes.report';
import { ReadModels } from '../infrastructure/read-models';
import { operationCards } from '../operation-cards/operation-cards';
import { operationCardsReport } from '../operation-cards/operation-cards.report';

export class WorkbookQuery extends UseCaseQuery<'workbook', { access: Access; at: string }, ReportDocument> {
  readonly type = 'workbook';
}

/**
 * Every view in one document, a sheet each, from one reading of the read models. Each sheet scoped as its own view
 * is: the principal's euros; the operations it has a part in, with their co-funders.
 */
@QueryHandler(WorkbookQuery)
export class WorkbookQueryHandler implements IQueryHandler<WorkbookQuery, ReportDocument> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { access, at } }: WorkbookQuery): Promise<ReportDocument> {
    const [all, operations, envelopes, names] = await Promise.all([
      this.readModels.all(),
      this.readModels.operations(),
      this.readModels.envelopes(),
      this.readModels.names(),
    ]);
    const commitments = ownCommitments(access, all);
    const visible = visibleOperations(access, operations, all);
    const views = [
      matrixReport(coFinancingMatrix(commitments), at, names),
      operationCardsReport(operationCards(visible.operations, visible.commitments), [], at, names),
      envelopesReport(envelopePositions(ownEnvelopes(access, envelopes), commitments, operations), at),
    ];
    return {
      title: 'Restitutions du contrat de ville de Lens-Liévin 2015-2020',
      subtitle: ['Cofinancement, opérations, enveloppes, conditions en attente, enveloppes communes'],
      generatedAt: at,
      fileName: 'restitutions-contrat-de-ville',
      tables: [
        ...views.flatMap((view) => view.tables),
        conditionsTable(pendingByCondition(commitments)),
        poolsTable(poolPositions(commitments)),
      ],
    };
  }
}
