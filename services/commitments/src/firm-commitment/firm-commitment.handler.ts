import { CommandHandler } from '@nestjs/cqrs';
import { CommitmentCommand, CommitmentCommandHandler } from '../application/ledger-use-case';
import { decideFirmCommitment, type FirmCommitment } from './firm-commitment.decider';

export class FirmCommitmentCommand extends CommitmentCommand<'firm-commitment', FirmCommitment> {
  readonly type = 'firm-commitment';
}

@CommandHandler(FirmCommitmentCommand)
export class FirmCommitmentHandler extends CommitmentCommandHandler<FirmCommitmentCommand> {
  protected readonly decide = decideFirmCommitment;
  protected override readonly changesWhatProgrammesHold = true;
}
