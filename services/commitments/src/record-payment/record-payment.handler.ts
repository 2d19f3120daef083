import { CommandHandler } from '@nestjs/cqrs';
import { CommitmentCommand, CommitmentCommandHandler } from '../application/ledger-use-case';
import { decideRecordPayment, type RecordPayment } from './record-payment.decider';

export class RecordPaymentCommand extends CommitmentCommand<'record-payment', RecordPayment> {
  readonly type = 'record-payment';
}

@CommandHandler(RecordPaymentCommand)
export class RecordPaymentHandler extends CommitmentCommandHandler<RecordPaymentCommand> {
  protected readonly decide = decideRecordPayment;
}
