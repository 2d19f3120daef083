import { NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery, type Access } from '@cvl/platform';
import { visibleOperations } from '../access/read-scope';
import { ReadModels } from '../infrastructure/read-models';
import { operationCard, operationCards, type OperationCard, type OperationFilter } from './operation-cards';

export class OperationCardsQuery extends UseCaseQuery<
  'operation-cards',
  { access: Access; filter: OperationFilter },
  OperationCard[]
> {
  readonly type = 'operation-cards';
}

export class OperationCardQuery extends UseCaseQuery<
  'operation-card',
  { access: Access; source: string; programme: string; operation: string },
  OperationCard
> {
  readonly type = 'operation-card';
}

/** The cards of the operations the principal has a part in, each with every co-funder's share. */
@QueryHandler(OperationCardsQuery)
export class OperationCardsQueryHandler implements IQueryHandler<OperationCardsQuery, OperationCard[]> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { access, filter } }: OperationCardsQuery): Promise<OperationCard[]> {
    const visible = visibleOperations(access, await this.readModels.operations(), await this.readModels.all());
    return operationCards(visible.operations, visible.commitments, filter);
  }
}

/** An operation the principal has no part in is, for it, an operation that does not exist. */
@QueryHandler(OperationCardQuery)
export class OperationCardQueryHandler implements IQueryHandler<OperationCardQuery, OperationCard> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { access, source, programme, operation } }: OperationCardQuery): Promise<OperationCard> {
    const visible = visibleOperations(access, await this.readModels.operations(), await this.readModels.all());
    const found = visible.operations.find(
      (o) => o.source === source && o.programmeId === programme && o.operationId === operation,
    );
    if (!found) throw new NotFoundException(`Opération inconnue : ${source} ${programme} ${operation}`);
    return operationCard(found, visible.commitments);
  }
}
