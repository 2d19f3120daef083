import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decideReceiveApplication, type ReceiveApplication } from './receive-application.decider';

export class ReceiveApplicationCommand extends ProgrammeCommand<'receive-application', ReceiveApplication> {
  readonly type = 'receive-application';
}

@CommandHandler(ReceiveApplicationCommand)
export class ReceiveApplicationHandler extends ProgrammeCommandHandler<ReceiveApplicationCommand> {
  protected readonly decide = decideReceiveApplication;
}
