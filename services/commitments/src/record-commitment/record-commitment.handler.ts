import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { decideRecordCommitment, type RecordCommitment } from './record-commitment.decider';

export class RecordCommitmentCommand extends LedgerCommand<'record-commitment', RecordCommitment> {
  readonly type = 'record-commitment';
}

@CommandHandler(RecordCommitmentCommand)
export class RecordCommitmentHandler extends LedgerCommandHandler<RecordCommitmentCommand> {
  protected readonly decide = decideRecordCommitment;
}
