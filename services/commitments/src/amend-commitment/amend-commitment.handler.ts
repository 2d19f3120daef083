import { CommandHandler } from '@nestjs/cqrs';
import { CommitmentCommand, CommitmentCommandHandler } from '../application/ledger-use-case';
import { decideAmendCommitment, type AmendCommitment } from './amend-commitment.decider';

export class AmendCommitmentCommand extends CommitmentCommand<'amend-commitment', AmendCommitment> {
  readonly type = 'amend-commitment';
}

@CommandHandler(AmendCommitmentCommand)
export class AmendCommitmentHandler extends CommitmentCommandHandler<AmendCommitmentCommand> {
  protected readonly decide = decideAmendCommitment;
  protected override readonly changesWhatProgrammesHold = true;
}
