import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { decideRecordReference, type RecordReference } from './record-reference.decider';

export class RecordReferenceCommand extends LedgerCommand<'record-reference', RecordReference> {
  readonly type = 'record-reference';
}

@CommandHandler(RecordReferenceCommand)
export class RecordReferenceHandler extends LedgerCommandHandler<RecordReferenceCommand> {
  protected readonly decide = decideRecordReference;
}
