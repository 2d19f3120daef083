import { CommandHandler } from '@nestjs/cqrs';
import { CommitmentCommand, CommitmentCommandHandler } from '../application/ledger-use-case';
import { decideReleaseCommitment, type ReleaseCommitment } from './release-commitment.decider';

export class ReleaseCommitmentCommand extends CommitmentCommand<'release-commitment', ReleaseCommitment> {
  readonly type = 'release-commitment';
}

@CommandHandler(ReleaseCommitmentCommand)
export class ReleaseCommitmentHandler extends CommitmentCommandHandler<ReleaseCommitmentCommand> {
  protected readonly decide = decideReleaseCommitment;
  protected override readonly changesWhatProgrammesHold = true;
}
