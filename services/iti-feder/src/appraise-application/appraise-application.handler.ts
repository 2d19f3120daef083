import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import type { Programme } from '../domain/state';
import { decideAppraiseApplication, type AppraiseApplication } from './appraise-application.decider';

export class AppraiseApplicationCommand extends ProgrammeCommand<'appraise-application', AppraiseApplication> {
  readonly type = 'appraise-application';
}

@CommandHandler(AppraiseApplicationCommand)
export class AppraiseApplicationHandler extends ProgrammeCommandHandler<AppraiseApplicationCommand> {
  protected readonly decide = (command: AppraiseApplication, state: Programme | undefined) =>
    decideAppraiseApplication(command, state);
}
