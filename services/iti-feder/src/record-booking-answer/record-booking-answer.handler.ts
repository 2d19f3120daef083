import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decideRecordAnswer, type BookingAnswer } from './record-booking-answer.decider';

export class RecordBookingAnswerCommand extends ProgrammeCommand<'record-booking-answer', BookingAnswer> {
  readonly type = 'record-booking-answer';
}

@CommandHandler(RecordBookingAnswerCommand)
export class RecordBookingAnswerHandler extends ProgrammeCommandHandler<RecordBookingAnswerCommand> {
  protected readonly decide = decideRecordAnswer;
}
