import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery, type Access } from '@cvl/platform';
import { figuresScope, seesFigures } from '../access/read-scope';
import { ReadModels } from '../infrastructure/read-models';
import { matrixOfSums, NONE, type CoFinancingMatrix, type MatrixFilter } from './co-financing-matrix';

export class CoFinancingMatrixQuery extends UseCaseQuery<
  'co-financing-matrix',
  { access: Access; filter: MatrixFilter },
  CoFinancingMatrix
> {
  readonly type = 'co-financing-matrix';
}

/** Summed in SQL over what the principal may see: every commitment, or its own organisation's as a financeur. */
@QueryHandler(CoFinancingMatrixQuery)
export class CoFinancingMatrixQueryHandler implements IQueryHandler<CoFinancingMatrixQuery, CoFinancingMatrix> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { access, filter } }: CoFinancingMatrixQuery): Promise<CoFinancingMatrix> {
    const cells = seesFigures(access)
      ? await this.readModels.matrixCells(figuresScope(access, filter.funder), filter, NONE)
      : [];
    return matrixOfSums(cells, filter);
  }
}
