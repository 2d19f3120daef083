import { CommandHandler } from '@nestjs/cqrs';
import { CommitmentCommand, CommitmentCommandHandler } from '../application/ledger-use-case';
import { decideMakeConditional, type MakeConditional } from './make-conditional.decider';

export class MakeConditionalCommand extends CommitmentCommand<'make-conditional', MakeConditional> {
  readonly type = 'make-conditional';
}

@CommandHandler(MakeConditionalCommand)
export class MakeConditionalHandler extends CommitmentCommandHandler<MakeConditionalCommand> {
  protected readonly decide = decideMakeConditional;
  protected override readonly changesWhatProgrammesHold = true;
}
