import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UseCaseCommand } from '@cvl/platform';
import { ReadModelProjector, type ReplayProgress, type StoreAccess } from '../projection/read-model-projector';

/**
 * `cvl replay`: a new generation of the read models, rebuilt from the producing services' stores (read with the
 * caller's credentials), then the topics. Reporting owns no truth: nothing is decided, only projected again.
 */
export class RebuildReadModelsCommand extends UseCaseCommand<'rebuild-read-models', StoreAccess, ReplayProgress> {
  readonly type = 'rebuild-read-models';
}

@CommandHandler(RebuildReadModelsCommand)
export class RebuildReadModelsHandler implements ICommandHandler<RebuildReadModelsCommand, ReplayProgress> {
  constructor(private readonly projector: ReadModelProjector) {}

  execute({ payload }: RebuildReadModelsCommand): Promise<ReplayProgress> {
    return this.projector.replay(payload);
  }
}
