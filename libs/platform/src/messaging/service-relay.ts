import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { SqlCheckpointStore, type EventStore, type SqlClient } from '@cvl/event-store';
import { Relay, topicFor, type IntegrationBus } from '@cvl/messaging';
import { EVENT_STORE, INTEGRATION_BUS } from '../observability/health';
import { Metrics } from '../observability/metrics';
import { SQL_CLIENT } from '../platform.module';


/** A service's streams are named « <service>-… »; its relay publishes those, and only those, to its topic. */
export function streamPrefix(service: string): string {
  return `${service}-`;
}

/** Publishes a service's events to « <service>.events.v1 » for as long as the application runs. */
@Injectable()
export class ServiceRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Relay');
  private relay?: Relay;

  constructor(
    private readonly service: string,
    private readonly store: EventStore,
    private readonly sql: SqlClient,
    private readonly bus: IntegrationBus,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const topic = topicFor(this.service);
    this.relay = new Relay(this.store, new SqlCheckpointStore(this.sql), this.bus, {
      name: `relay:${this.service}`,
      topic,
      source: `/${this.service}`,
      include: (event) => event.streamId.startsWith(streamPrefix(this.service)),
      onPublished: (events) => {
        if (events.length > 0) this.metrics.eventsPublished.inc({ topic }, events.length);
      },
      onError: (error, failures) => this.logger.warn({ err: error, failures, topic }, `relais ${topic} : échec n° ${failures}, nouvel essai`),
    });
    await this.relay.start();
  }

  /** Before the infrastructure closes (on application shutdown), so the last batch is published or left whole. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}

/** The provider a service module declares to get its relay. */
export function serviceRelayProvider(service: string): Provider {
  return {
    provide: `cvl:relay:${service}`,
    useFactory: (store: EventStore, sql: SqlClient, bus: IntegrationBus, metrics: Metrics) => new ServiceRelay(service, store, sql, bus, metrics),
    inject: [EVENT_STORE, SQL_CLIENT, INTEGRATION_BUS, Metrics],
  };
}

