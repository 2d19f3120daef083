import { NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery, type Access } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { funderStatement, type FunderStatement } from './funder-statement';

export type ReportingStatement = FunderStatement & { funderName: string; readModelEmpty: boolean };

export class FunderStatementQuery extends UseCaseQuery<
  'funder-statement',
  { access: Access; funder: string },
  ReportingStatement
> {
  readonly type = 'funder-statement';
}

/** A financeur reads its own statement only; the contract's team and the auditors read every funder's. */
@QueryHandler(FunderStatementQuery)
export class FunderStatementQueryHandler implements IQueryHandler<FunderStatementQuery, ReportingStatement> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { access, funder } }: FunderStatementQuery): Promise<ReportingStatement> {
    access.requireFor(
      'financeur',
      funder,
      `${access.organisation} ne lit que son propre relevé, pas celui de ${funder}`,
    );
    const [docs, memos, names] = await Promise.all([
      this.readModels.all({ funder }),
      this.readModels.pourMemoire(funder),
      this.readModels.names(),
    ]);
    // A funder the reference data does not know is a 404, never a page of zeros; with no reference data at all the
    // read models are empty (rebuilding, or nothing received yet): the statement says so rather than look final.
    const readModelEmpty = names.size === 0;
    if (!readModelEmpty && !names.has('funder', funder)) throw new NotFoundException(`Financeur inconnu : ${funder}`);
    return { ...funderStatement(docs, funder, memos), funderName: names.of('funder', funder), readModelEmpty };
  }
}
