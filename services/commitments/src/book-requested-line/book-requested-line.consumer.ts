import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { fromDecimalString } from '@cvl/money';
import { topicFor, type BusSubscription, type IntegrationBus, type IntegrationEvent } from '@cvl/messaging';
import { subscribeConsumer, DEPLOYMENT, INTEGRATION_BUS, Metrics, principalOfEvent, runInContext } from '@cvl/platform';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import type { BookingTrace } from '../domain/trace';
import { decideBookRequestedLine, decideRequestedMovement } from './book-requested-line.decider';

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

/** What commitments reads of ITI-FEDER's events (contracts/events/iti-feder). */
interface ItiEventData {
  programmeId: string;
  operationId: string;
  axis?: number;
  label?: string;
  quartier?: string;
  act?: { reference: string; date: string };
  lines?: Array<{ funder: string; amount: string; requestId: string }>;
  amount?: string;
  requestId?: string;
  kind?: 'acompte' | 'solde';
  serviceDoneDate?: string;
  trace: { effectiveDate: string; source: BookingTrace['source'] };
}

export const BOOKING_REQUESTS_GROUP = 'commitments.booking-requests';

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
    @Inject(DEPLOYMENT) private readonly deployment: string,
    private readonly ledger: CommitmentsLedger,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const topics = [topicFor('renewal-urban'), topicFor('iti-feder')];
    this.subscription = await subscribeConsumer(
      this.bus,
      this.deployment,
      { name: BOOKING_REQUESTS_GROUP, topics },
      (event) => this.handle(event),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  async handle(event: IntegrationEvent): Promise<void> {
    if (event.type.startsWith('iti-feder.')) return this.handleIti(event);
    if (event.type !== 'renewal-urban.financing-plan-approved') return;
    const plan = event.data as unknown as ApprovedPlan;
    const principal = principalOfEvent(event);
    for (const line of plan.lines) {
      const trace: BookingTrace = {
        actor: principal,
        reasonCode: plan.bookingStatus === 'firm' ? 'engagement-juridique' : 'previsionnel',
        effectiveDate: plan.bookingStatus === 'firm' && plan.act ? plan.act.date : plan.trace.effectiveDate,
        recordedAt: new Date().toISOString(),
        source:
          plan.bookingStatus === 'firm' && plan.act
            ? { kind: 'act', reference: plan.act.reference, date: plan.act.date }
            : plan.trace.source,
        memo: `Plan de financement de l’opération ${plan.operationId} (version ${plan.planVersion}) approuvé — protocole ${plan.protocolId}`,
      };
      const executed = await runInContext(
        {
          correlationId: event.correlationid,
          causationId: event.id,
          principal,
          commandKey: `booking-request:${line.requestId}`,
        },
        () =>
          this.ledger.execute((state, context) =>
            decideBookRequestedLine(
              {
                request: {
                  requestId: line.requestId,
                  source: 'renewal-urban',
                  protocolId: plan.protocolId,
                  operationId: plan.operationId,
                },
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
      this.count(
        executed.replayed,
        executed.recorded.some((e) => e.type === 'commitments.booking-request-refused'),
        line.requestId,
      );
    }
  }

  private count(replayed: boolean, refused: boolean, requestId: string): void {
    this.metrics.eventsConsumed.inc({ consumer: BOOKING_REQUESTS_GROUP, outcome: replayed ? 'duplicate' : 'applied' });
    if (refused) this.logger.warn(`demande refusée : ${requestId}`);
  }

  /** ITI-FEDER: programming (indicative), agreement (firm), payments and releases, on the axis's envelope. */
  private async handleIti(event: IntegrationEvent): Promise<void> {
    const data = event.data as unknown as ItiEventData;
    const trace = (reasonCode: string, effectiveDate: string, source: BookingTrace['source']): BookingTrace => ({
      actor: principalOfEvent(event),
      reasonCode,
      effectiveDate,
      recordedAt: new Date().toISOString(),
      source,
      memo: `ITI-FEDER — opération ${data.operationId} (${event.type})`,
    });
    const request = (requestId: string) => ({
      requestId,
      source: 'iti-feder',
      protocolId: data.programmeId,
      operationId: data.operationId,
    });
    const run = (requestId: string, decide: Parameters<CommitmentsLedger['execute']>[0]) =>
      runInContext(
        {
          correlationId: event.correlationid,
          causationId: event.id,
          principal: principalOfEvent(event),
          commandKey: `booking-request:${requestId}`,
        },
        () => this.ledger.execute(decide),
      );
    if (event.type === 'iti-feder.operation-programmed' || event.type === 'iti-feder.grant-agreed') {
      const firm = event.type === 'iti-feder.grant-agreed';
      const source: BookingTrace['source'] =
        firm && data.act ? { kind: 'act', reference: data.act.reference, date: data.act.date } : data.trace.source;
      const effectiveDate = firm && data.act ? data.act.date : data.trace.effectiveDate;
      for (const line of data.lines ?? []) {
        const executed = await run(line.requestId, (state, context) =>
          decideBookRequestedLine(
            {
              request: request(line.requestId),
              commitmentId: line.requestId.replace(/:/g, '.'),
              funder: line.funder,
              amountCents: fromDecimalString(line.amount),
              status: firm ? 'firm' : 'indicative',
              ...(firm && data.act ? { act: data.act } : {}),
              label: `${data.label ?? data.operationId} — ${line.funder}`,
              ...(data.quartier ? { quartier: data.quartier } : {}),
              programme: 'iti-feder',
              ...(line.funder === 'feder' && data.axis ? { envelopeId: `iti-feder-axe-${data.axis}` } : {}),
              year: Number(effectiveDate.slice(0, 4)),
              trace: trace(firm ? 'engagement-juridique' : 'previsionnel', effectiveDate, source),
            },
            state,
            context,
          ),
        );
        this.count(
          executed.replayed,
          executed.recorded.some((e) => e.type === 'commitments.booking-request-refused'),
          line.requestId,
        );
      }
      return;
    }
    if (
      (event.type === 'iti-feder.payment-made' || event.type === 'iti-feder.unused-released') &&
      data.requestId &&
      data.amount
    ) {
      const payment = event.type === 'iti-feder.payment-made';
      const requestId = data.requestId;
      const executed = await run(requestId, (state, context) =>
        decideRequestedMovement(
          {
            request: request(requestId),
            funder: 'feder',
            kind: payment ? 'payment' : 'release',
            amountCents: fromDecimalString(data.amount as string),
            ...(payment
              ? {
                  paymentKind: data.kind ?? 'acompte',
                  serviceDoneDate: data.serviceDoneDate ?? data.trace.effectiveDate,
                }
              : {}),
            trace: trace(payment ? 'paiement' : 'degagement', data.trace.effectiveDate, data.trace.source),
          },
          state,
          context,
        ),
      );
      this.count(
        executed.replayed,
        executed.recorded.some((e) => e.type === 'commitments.booking-request-refused'),
        requestId,
      );
    }
  }
}
