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
import { planLineId } from '../approve-financing-plan/approve-financing-plan.decider';
import { WITHDRAWAL_STEP } from '../domain/state';
import { RENEWAL_SOURCE } from '../infrastructure/published-events';
import { RecordBookingOutcomeCommand } from './record-booking-outcome.handler';

/** Shows on each plan line what the ledger answered: booked (its commitment) or refused (the ledger's reason). */
@Injectable()
export class BookingAnswersConsumer extends BookingAnswersSubscriber {
  constructor(
    @Inject(INTEGRATION_BUS) bus: IntegrationBus,
    @Inject(DEPLOYMENT) deployment: string,
    @Inject(CONSUMER_EDGE) edge: ConsumerEdge,
    private readonly commands: CommandBus,
  ) {
    super(bus, deployment, edge, RENEWAL_SOURCE);
  }

  protected record(answer: BookingAnswered, trace: AnswerTrace): Promise<unknown> {
    const { programme: protocolId, operation: operationId, version, step } = answer.request;
    return this.commands.execute(
      new RecordBookingOutcomeCommand(protocolId, {
        protocolId,
        operationId,
        funder: answer.funder,
        requestId: planLineId(protocolId, operationId, version, answer.funder),
        planVersion: version,
        outcome: answer.outcome,
        amount: answer.amount,
        ...(answer.commitmentId ? { commitmentId: answer.commitmentId } : {}),
        ...(answer.refusal ? { reason: answer.refusal.reason, code: answer.refusal.code } : {}),
        // The answer to a withdrawal's release is kept apart from the plan's booking it releases.
        ...(step === WITHDRAWAL_STEP ? { step } : {}),
        trace,
      }),
    );
  }
}
