import { CommandHandler } from '@nestjs/cqrs';
import { ProtocolCommand, ProtocolCommandHandler } from '../application/protocol-use-case';
import type { BookingOutcome } from '../domain/events';
import { decideRecordBookingOutcome } from './record-booking-outcome.decider';

/** The ledger's answer to one line of a plan, as the answers consumer read it. */
export class RecordBookingOutcomeCommand extends ProtocolCommand<'record-booking-outcome', BookingOutcome> {
  readonly type = 'record-booking-outcome';
}

@CommandHandler(RecordBookingOutcomeCommand)
export class RecordBookingOutcomeHandler extends ProtocolCommandHandler<RecordBookingOutcomeCommand> {
  protected readonly decide = decideRecordBookingOutcome;
}
