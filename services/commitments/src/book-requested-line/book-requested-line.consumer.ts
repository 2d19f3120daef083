import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { fromDecimalString } from '@cvl/money';
import { topicFor, type BusSubscription, type IntegrationBus, type IntegrationEvent } from '@cvl/messaging';
import { inEventContext, INTEGRATION_BUS, Metrics, runInContext, type Principal } from '@cvl/platform';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import type { BookingTrace } from '../domain/trace';
import { decideBookRequestedLine } from './book-requested-line.decider';

/** What commitments reads of renewal-urban's approval (contracts/events/renewal-urban): no code is shared. */
interface ApprovedPlan {
  protocolId: string;
  operationId: string;
  planVersion: number;
  bookingStatus: 'indicative' | 'firm';
  act?: { reference: string; date: string };
  quartier: string;
  label: string;
  lines: Array<{ funder: string; amount: string; requestId: string }>;
  trace: { effectiveDate: string; source: BookingTrace['source']; memo?: string };
}

export const BOOKING_REQUESTS_GROUP = 'commitments.booking-requests';

export function principalOf(actor: string): Principal {
  const at = actor.lastIndexOf('@');
  return at > 0 ? { subject: actor.slice(0, at), organisation: actor.slice(at + 1), roles: [] } : { subject: actor, organisation: 'inconnue', roles: [] };
}

/**
 * Books the lines of every financing plan renewal-urban approves, each once: its events are named after the line's
 * request id, so a redelivered approval books nothing more. Refusals go back as events with the ledger's reason.
 */
@Injectable()
export class BookingRequestsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('BookingRequests');
  private subscription?: BusSubscription;

  constructor(
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    private readonly ledger: CommitmentsLedger,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const topic = topicFor('renewal-urban');
    await this.bus.ensureTopics([topic]);
    this.subscription = await this.bus.subscribe({ groupId: BOOKING_REQUESTS_GROUP, topics: [topic], handle: inEventContext((event) => this.handle(event)) });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  async handle(event: IntegrationEvent): Promise<void> {
    if (event.type !== 'renewal-urban.financing-plan-approved') return;
    const plan = event.data as unknown as ApprovedPlan;
    const principal = principalOf(event.actor);
    for (const line of plan.lines) {
      const trace: BookingTrace = {
        actor: event.actor,
        reasonCode: plan.bookingStatus === 'firm' ? 'engagement-juridique' : 'previsionnel',
        effectiveDate: plan.bookingStatus === 'firm' && plan.act ? plan.act.date : plan.trace.effectiveDate,
        recordedAt: new Date().toISOString(),
        source: plan.bookingStatus === 'firm' && plan.act ? { kind: 'act', reference: plan.act.reference, date: plan.act.date } : plan.trace.source,
        memo: `Plan de financement de l’opération ${plan.operationId} (version ${plan.planVersion}) approuvé — protocole ${plan.protocolId}`,
      };
      const executed = await runInContext({ correlationId: event.correlationid, causationId: event.id, principal, commandKey: `booking-request:${line.requestId}` }, () =>
        this.ledger.execute((state, context) =>
          decideBookRequestedLine(
            {
              request: { requestId: line.requestId, source: 'renewal-urban', protocolId: plan.protocolId, operationId: plan.operationId },
              commitmentId: line.requestId.replace(/:/g, '.'),
              funder: line.funder,
              amountCents: fromDecimalString(line.amount),
              status: plan.bookingStatus,
              ...(plan.act ? { act: plan.act } : {}),
              label: `${plan.label} — ${line.funder}`,
              quartier: plan.quartier,
              programme: 'npnru',
              year: Number(trace.effectiveDate.slice(0, 4)),
              trace,
            },
            state,
            context,
          ),
        ),
      );
      this.metrics.eventsConsumed.inc({ consumer: BOOKING_REQUESTS_GROUP, outcome: executed.replayed ? 'duplicate' : 'applied' });
      if (executed.recorded.some((e) => e.type === 'commitments.booking-request-refused')) this.logger.warn(`ligne refusée : ${line.requestId}`);
    }
  }
}
