import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { decideRequested, type RequestedCommand } from './book-requested-line.decider';

/** One line of a programme's booking request, as the ledger's consumer read it from the message. */
export class BookRequestedLineCommand extends LedgerCommand<'book-requested-line', RequestedCommand> {
  readonly type = 'book-requested-line';
}

@CommandHandler(BookRequestedLineCommand)
export class BookRequestedLineHandler extends LedgerCommandHandler<BookRequestedLineCommand> {
  protected readonly decide = decideRequested;
}
