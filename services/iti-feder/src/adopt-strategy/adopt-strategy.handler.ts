import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decideAdoptStrategy, type AdoptStrategy } from './adopt-strategy.decider';

export class AdoptStrategyCommand extends ProgrammeCommand<'adopt-strategy', AdoptStrategy> {
  readonly type = 'adopt-strategy';
}

@CommandHandler(AdoptStrategyCommand)
export class AdoptStrategyHandler extends ProgrammeCommandHandler<AdoptStrategyCommand> {
  protected readonly decide = decideAdoptStrategy;
}
