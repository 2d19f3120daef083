import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decideCompleteApplication, type CompleteApplication } from './complete-application.decider';

export class CompleteApplicationCommand extends ProgrammeCommand<'complete-application', CompleteApplication> {
  readonly type = 'complete-application';
}

@CommandHandler(CompleteApplicationCommand)
export class CompleteApplicationHandler extends ProgrammeCommandHandler<CompleteApplicationCommand> {
  protected readonly decide = decideCompleteApplication;
}
