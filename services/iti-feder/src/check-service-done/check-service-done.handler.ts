import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decideCheckServiceDone, type CheckServiceDone } from './check-service-done.decider';

export class CheckServiceDoneCommand extends ProgrammeCommand<'check-service-done', CheckServiceDone> {
  readonly type = 'check-service-done';
}

@CommandHandler(CheckServiceDoneCommand)
export class CheckServiceDoneHandler extends ProgrammeCommandHandler<CheckServiceDoneCommand> {
  protected readonly decide = decideCheckServiceDone;
}
