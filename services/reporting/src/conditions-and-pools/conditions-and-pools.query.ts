import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery, type Access } from '@cvl/platform';
import { figuresScope, ownCommitments } from '../access/read-scope';
import { ReadModels } from '../infrastructure/read-models';
import { pendingByCondition, poolPositions, type PendingCondition, type PoolPosition } from './conditions-and-pools';

export class PendingConditionsQuery extends UseCaseQuery<'pending-conditions', { access: Access }, PendingCondition[]> {
  readonly type = 'pending-conditions';
}

export class PoolPositionsQuery extends UseCaseQuery<'pool-positions', { access: Access }, PoolPosition[]> {
  readonly type = 'pool-positions';
}

/** What waits on each suspensive condition, among the commitments the principal may see. */
@QueryHandler(PendingConditionsQuery)
export class PendingConditionsQueryHandler implements IQueryHandler<PendingConditionsQuery, PendingCondition[]> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { access } }: PendingConditionsQuery): Promise<PendingCondition[]> {
    return pendingByCondition(ownCommitments(access, await this.readModels.all(figuresScope(access))));
  }
}

/** Each pool and its parts, among the commitments the principal may see. */
@QueryHandler(PoolPositionsQuery)
export class PoolPositionsQueryHandler implements IQueryHandler<PoolPositionsQuery, PoolPosition[]> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { access } }: PoolPositionsQuery): Promise<PoolPosition[]> {
    return poolPositions(ownCommitments(access, await this.readModels.all(figuresScope(access))));
  }
}
