import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { topicFor, type BusSubscription, type IntegrationBus, type IntegrationEvent } from '@cvl/messaging';
import { principalOfEvent, subscribeConsumer, DEPLOYMENT, INTEGRATION_BUS, runInContext } from '@cvl/platform';
import type { BookingOutcome } from '../domain/events';
import { ProtocolRepository } from '../infrastructure/protocol-repository';
import { decideRecordBookingOutcome } from './record-booking-outcome.decider';

/** What renewal-urban reads of the ledger's answers (contracts/events/commitments): no code is shared. */
interface RequestRef {
  requestId: string;
  source: string;
  protocolId?: string;
  operationId?: string;
}

export const BOOKING_ANSWERS_GROUP = 'renewal-urban.booking-answers';

function planVersionOf(requestId: string): number {
  const match = /:v(\d+):/.exec(requestId);
  return match ? Number(match[1]) : 0;
}

/** Shows on each plan line what the ledger answered: booked (its commitment) or refused (the ledger's reason). */
@Injectable()
export class BookingAnswersConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription?: BusSubscription;

  constructor(
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    @Inject(DEPLOYMENT) private readonly deployment: string,
    private readonly protocols: ProtocolRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await subscribeConsumer(
      this.bus,
      this.deployment,
      { name: BOOKING_ANSWERS_GROUP, topics: [topicFor('commitments')] },
      (event) => this.handle(event),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  async handle(event: IntegrationEvent): Promise<void> {
    const data = event.data as {
      request?: RequestRef;
      funder?: string;
      commitmentId?: string;
      reason?: string;
      code?: string;
      trace?: { effectiveDate: string; source: BookingOutcome['trace']['source'] };
    };
    const request = data.request;
    if (!request || request.source !== 'renewal-urban' || !request.protocolId || !request.operationId || !data.funder)
      return;
    const booked =
      event.type === 'commitments.commitment-recorded' || event.type === 'commitments.booking-request-applied';
    if (!booked && event.type !== 'commitments.booking-request-refused') return;
    const outcome: BookingOutcome = {
      protocolId: request.protocolId,
      operationId: request.operationId,
      funder: data.funder,
      requestId: request.requestId,
      planVersion: planVersionOf(request.requestId),
      outcome: booked ? 'booked' : 'refused',
      ...(booked && data.commitmentId ? { commitmentId: data.commitmentId } : {}),
      ...(!booked && data.reason ? { reason: data.reason, code: data.code } : {}),
      trace: {
        actor: principalOfEvent(event),
        effectiveDate: data.trace?.effectiveDate ?? event.time.slice(0, 10),
        recordedAt: new Date().toISOString(),
        source: data.trace?.source ?? { kind: 'act', reference: `réponse du grand livre ${event.id}` },
      },
    };
    await runInContext(
      { correlationId: event.correlationid, causationId: event.id, commandKey: `booking-answer:${event.id}` },
      () => this.protocols.execute(request.protocolId as string, (state) => decideRecordBookingOutcome(outcome, state)),
    );
  }
}
