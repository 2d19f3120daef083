import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decideAgreeGrant, type AgreeGrant } from './agree-grant.decider';

export class AgreeGrantCommand extends ProgrammeCommand<'agree-grant', AgreeGrant> {
  readonly type = 'agree-grant';
}

@CommandHandler(AgreeGrantCommand)
export class AgreeGrantHandler extends ProgrammeCommandHandler<AgreeGrantCommand> {
  protected readonly decide = decideAgreeGrant;
}
