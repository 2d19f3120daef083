import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { BOOKING_ANSWERED, bookingAnswersTopic, type BookingAnswered } from '@cvl/contracts';
import type { BusSubscription, IntegrationBus, IntegrationEvent } from '@cvl/messaging';
import type { Principal } from '../auth/principal';
import { principalOfEvent } from '../auth/principal';
import { runInContext } from '../context/request-context';
import { subscribeConsumer } from '../platform.module';
import type { ConsumerEdge } from './consumer-edge';

/** Who answered, when, on what basis: the trace a programme records the ledger's answer with. */
export interface AnswerTrace {
  actor: Principal;
  effectiveDate: string;
  recordedAt: string;
  source: BookingAnswered['trace']['source'];
}

/**
 * A programme's reading of the ledger's answers: its own topic only (commitments.booking-answers.<source>.v1),
 * each answer checked at the edge, recorded once in the context of the message that brought it (a redelivered
 * answer has the same command key, so it records nothing more). The programme says only how it records an answer.
 */
export abstract class BookingAnswersSubscriber implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription?: BusSubscription;

  protected constructor(
    private readonly bus: IntegrationBus,
    private readonly deployment: string,
    private readonly edge: ConsumerEdge,
    /** The programme's source name, as it puts it in the key of its requests. */
    readonly source: string,
  ) {}

  /** Records one answer in the programme's stream (through its decider). */
  protected abstract record(answer: BookingAnswered, trace: AnswerTrace): Promise<unknown>;

  /** The consumer group: « <source>.booking-answers ». */
  get group(): string {
    return `${this.source}.booking-answers`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await subscribeConsumer(
      this.bus,
      this.deployment,
      this.edge,
      { name: this.group, topics: [bookingAnswersTopic(this.source)] },
      (event) => this.handle(event),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  async handle(event: IntegrationEvent): Promise<void> {
    if (event.type !== BOOKING_ANSWERED) return;
    const answer = event.data as unknown as BookingAnswered;
    if (answer.request.source !== this.source) return;
    const trace: AnswerTrace = {
      actor: principalOfEvent(event),
      effectiveDate: answer.trace.effectiveDate,
      recordedAt: new Date().toISOString(),
      source: answer.trace.source,
    };
    await runInContext(
      { correlationId: event.correlationid, causationId: event.id, commandKey: `booking-answer:${event.id}` },
      () => this.record(answer, trace),
    );
  }
}
