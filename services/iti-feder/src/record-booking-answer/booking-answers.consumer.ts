import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { topicFor, type BusSubscription, type IntegrationBus, type IntegrationEvent } from '@cvl/messaging';
import { principalOfEvent, subscribeConsumer, DEPLOYMENT, INTEGRATION_BUS, runInContext } from '@cvl/platform';
import type { Trace } from '../domain/events';
import { ProgrammeRepository } from '../infrastructure/programme-repository';
import { decideRecordAnswer } from './record-booking-answer.decider';

export const ITI_ANSWERS_GROUP = 'iti-feder.booking-answers';

/** Records what the ledger answered for each programmed line (the co-funders' bookings feed the over-financing check). */
@Injectable()
export class ItiBookingAnswersConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription?: BusSubscription;

  constructor(
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    @Inject(DEPLOYMENT) private readonly deployment: string,
    private readonly programmes: ProgrammeRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await subscribeConsumer(
      this.bus,
      this.deployment,
      { name: ITI_ANSWERS_GROUP, topics: [topicFor('commitments')] },
      (event) => this.handle(event),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  async handle(event: IntegrationEvent): Promise<void> {
    const data = event.data as {
      request?: { requestId: string; source: string; protocolId?: string; operationId?: string };
      funder?: string;
      amount?: string;
      reason?: string;
      trace?: { effectiveDate: string; source: Trace['source'] };
    };
    const request = data.request;
    if (!request || request.source !== 'iti-feder' || !request.protocolId || !request.operationId || !data.funder)
      return;
    if (!/:(programmation|convention):/.test(request.requestId)) return;
    const booked =
      event.type === 'commitments.commitment-recorded' || event.type === 'commitments.booking-request-applied';
    if (!booked && event.type !== 'commitments.booking-request-refused') return;
    const trace: Trace = {
      actor: principalOfEvent(event),
      effectiveDate: data.trace?.effectiveDate ?? event.time.slice(0, 10),
      recordedAt: new Date().toISOString(),
      source: data.trace?.source ?? { kind: 'act', reference: `réponse du grand livre ${event.id}` },
    };
    await runInContext(
      { correlationId: event.correlationid, causationId: event.id, commandKey: `booking-answer:${event.id}` },
      () =>
        this.programmes.execute(request.protocolId as string, (state) =>
          decideRecordAnswer(
            {
              operationId: request.operationId as string,
              funder: data.funder as string,
              requestId: request.requestId,
              outcome: booked ? 'booked' : 'refused',
              ...(data.amount ? { amount: data.amount } : {}),
              ...(data.reason ? { reason: data.reason } : {}),
              trace,
            },
            state,
          ),
        ),
    );
  }
}
