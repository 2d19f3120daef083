import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { decideRecordDocumentFigure, type RecordDocumentFigure } from './record-document-figure.decider';

export class RecordDocumentFigureCommand extends LedgerCommand<'record-document-figure', RecordDocumentFigure> {
  readonly type = 'record-document-figure';
}

@CommandHandler(RecordDocumentFigureCommand)
export class RecordDocumentFigureHandler extends LedgerCommandHandler<RecordDocumentFigureCommand> {
  protected readonly decide = decideRecordDocumentFigure;
}
