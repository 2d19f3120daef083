import { CommandBus } from '@nestjs/cqrs';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BOOKING_REQUESTED, BOOKING_REQUESTS_TOPIC, type BookingRequested } from '@cvl/contracts';
import type { BusSubscription, IntegrationBus, IntegrationEvent } from '@cvl/messaging';
import {
  subscribeConsumer,
  CONSUMER_EDGE,
  DEPLOYMENT,
  INTEGRATION_BUS,
  Metrics,
  principalOfEvent,
  runInContext,
  type ConsumerEdge,
} from '@cvl/platform';
import { BookRequestedLineCommand } from './book-requested-line.handler';
import { commandsOfRequest } from './booking-request.inbound';

export const BOOKING_REQUESTS_GROUP = 'commitments.booking-requests';

/**
 * The ledger's one consumer of other services: `commitments.booking-requested`, whoever sends it. Each line is
 * decided once — its events are named after the line's key, so a redelivered request books nothing more — and
 * answered by an event (booked or refused with the ledger's reason) that the relay publishes to the asker's topic.
 * The message was checked against its contract at the edge: what arrives here is well formed.
 */
@Injectable()
export class BookingRequestsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('BookingRequests');
  private subscription?: BusSubscription;

  constructor(
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    @Inject(DEPLOYMENT) private readonly deployment: string,
    @Inject(CONSUMER_EDGE) private readonly edge: ConsumerEdge,
    private readonly commands: CommandBus,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await subscribeConsumer(
      this.bus,
      this.deployment,
      this.edge,
      { name: BOOKING_REQUESTS_GROUP, topics: [BOOKING_REQUESTS_TOPIC] },
      (event) => this.handle(event),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  async handle(event: IntegrationEvent): Promise<void> {
    if (event.type !== BOOKING_REQUESTED) return;
    const principal = principalOfEvent(event);
    const commands = commandsOfRequest(event.data as unknown as BookingRequested, principal, new Date().toISOString());
    for (const { commandKey, command } of commands) {
      const executed = await runInContext(
        { correlationId: event.correlationid, causationId: event.id, principal, commandKey },
        () => this.commands.execute(new BookRequestedLineCommand(command)),
      );
      this.metrics.eventsConsumed.inc({
        consumer: BOOKING_REQUESTS_GROUP,
        outcome: executed.replayed ? 'duplicate' : 'applied',
      });
      if (executed.recorded.some((e) => e.type === 'commitments.booking-request-refused'))
        this.logger.warn(`demande refusée : ${command.line.request.requestId}`);
    }
  }
}
