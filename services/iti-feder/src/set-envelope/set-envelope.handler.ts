import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decideSetEnvelope, type SetEnvelope } from './set-envelope.decider';

export class SetEnvelopeCommand extends ProgrammeCommand<'set-envelope', SetEnvelope> {
  readonly type = 'set-envelope';
}

@CommandHandler(SetEnvelopeCommand)
export class SetEnvelopeHandler extends ProgrammeCommandHandler<SetEnvelopeCommand> {
  protected readonly decide = decideSetEnvelope;
}
