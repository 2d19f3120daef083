import { CommandBus } from '@nestjs/cqrs';
import { Inject, Injectable } from '@nestjs/common';
import type { BookingAnswered } from '@cvl/contracts';
import type { IntegrationBus } from '@cvl/messaging';
import {
  BookingAnswersSubscriber,
  CONSUMER_EDGE,
  DEPLOYMENT,
  INTEGRATION_BUS,
  type AnswerTrace,
  type ConsumerEdge,
} from '@cvl/platform';
import { booksLines, ITI_SOURCE } from '../infrastructure/published-events';
import { requestId } from '../domain/operations';
import { RecordBookingAnswerCommand } from './record-booking-answer.handler';

/** Records what the ledger answered for each programmed line (the co-funders' bookings feed the over-financing check). */
@Injectable()
export class ItiBookingAnswersConsumer extends BookingAnswersSubscriber {
  constructor(
    @Inject(INTEGRATION_BUS) bus: IntegrationBus,
    @Inject(DEPLOYMENT) deployment: string,
    @Inject(CONSUMER_EDGE) edge: ConsumerEdge,
    private readonly commands: CommandBus,
  ) {
    super(bus, deployment, edge, ITI_SOURCE);
  }

  /** Only the answers to the lines it books (programming, agreement, a co-funder's act): payments and releases change no line. */
  protected async record(answer: BookingAnswered, trace: AnswerTrace): Promise<unknown> {
    const { programme, operation, step } = answer.request;
    if (!booksLines(step)) return undefined;
    return this.commands.execute(
      new RecordBookingAnswerCommand(programme, {
        operationId: operation,
        funder: answer.funder,
        requestId: requestId(programme, operation, answer.funder, step),
        outcome: answer.outcome,
        amount: answer.amount,
        ...(answer.refusal ? { reason: answer.refusal.reason } : {}),
        trace,
      }),
    );
  }
}
