import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery, type Access } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { funderStatement, type FunderStatement } from './funder-statement';

export class FunderStatementQuery extends UseCaseQuery<
  'funder-statement',
  { access: Access; funder: string },
  FunderStatement
> {
  readonly type = 'funder-statement';
}

/** A financeur reads its own statement only; the contract's team and the auditors read every funder's. */
@QueryHandler(FunderStatementQuery)
export class FunderStatementQueryHandler implements IQueryHandler<FunderStatementQuery, FunderStatement> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { access, funder } }: FunderStatementQuery): Promise<FunderStatement> {
    access.requireFor(
      'financeur',
      funder,
      `${access.organisation} ne lit que son propre relevé, pas celui de ${funder}`,
    );
    const [docs, memos] = await Promise.all([this.readModels.all({ funder }), this.readModels.pourMemoire(funder)]);
    return funderStatement(docs, funder, memos);
  }
}
