import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery } from '@cvl/platform';
import { ReadModelProjector, type ReplayProgress } from '../projection/read-model-projector';

export class ReplayProgressQuery extends UseCaseQuery<'replay-progress', Record<string, never>, ReplayProgress> {
  readonly type = 'replay-progress';
}

/** How far the current generation is: events projected, events still waiting on the topics. */
@QueryHandler(ReplayProgressQuery)
export class ReplayProgressQueryHandler implements IQueryHandler<ReplayProgressQuery, ReplayProgress> {
  constructor(private readonly projector: ReadModelProjector) {}

  execute(): Promise<ReplayProgress> {
    return this.projector.progress();
  }
}
