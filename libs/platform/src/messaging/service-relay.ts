import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { SqlCheckpointStore, START, type EventStore, type RecordedEvent, type SqlClient } from '@cvl/event-store';
import { Relay, topicFor, type IntegrationBus, type OutboundTranslator } from '@cvl/messaging';
import { EVENT_STORE, INTEGRATION_BUS } from '../observability/health';
import { Metrics } from '../observability/metrics';
import { Readiness } from '../observability/readiness';
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
    private readonly readiness?: Readiness,
    /** The service's outbound translator (default: its events as stored, on its topic). */
    private readonly translate?: OutboundTranslator,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const topic = topicFor(this.service);
    const checkpoints = new SqlCheckpointStore(this.sql);
    const name = `relay:${this.service}`;
    this.relay = new Relay(this.store, checkpoints, this.bus, {
      name,
      topic,
      source: `/${this.service}`,
      include: (event) => event.streamId.startsWith(streamPrefix(this.service)),
      ...(this.translate ? { translate: this.translate } : {}),
      onPublished: (events) => {
        if (events.length > 0) this.metrics.eventsPublished.inc({ topic }, events.length);
      },
      onError: (error, failures) =>
        this.logger.warn({ err: error, failures, topic }, `relais ${topic} : échec n° ${failures}, nouvel essai`),
      onDeadLetter: async (event, reason) => {
        await setAsideEvent(this.sql, `relay:${this.service}`, event, reason);
        this.metrics.deadLetters.inc({ topic });
        this.logger.error(
          { eventId: event.eventId, streamId: event.streamId, revision: event.revision, topic },
          `ALERTE relais ${topic} : événement ${event.eventId} (${event.streamId} v${event.revision}) mis de côté, jamais publiable — ${reason}. Les suivants partent ; le rapport d’intégrité le signale.`,
        );
      },
    });
    await this.relay.start();
    const countAfter = this.store.countAfter?.bind(this.store);
    if (countAfter) {
      // Events of this service stored but not yet published: a relay that is stuck shows here.
      this.readiness?.register({
        name,
        lag: async () =>
          countAfter(this.relay?.position() ?? (await checkpoints.load(name)) ?? START, streamPrefix(this.service)),
      });
    }
  }

  /** Before the infrastructure closes (on application shutdown), so the last batch is published or left whole. */
  async beforeApplicationShutdown(): Promise<void> {
    this.readiness?.unregister(`relay:${this.service}`);
    await this.relay?.stop();
  }
}

/** Keeps an event the relay could not publish (once: a second refusal of the same event changes nothing). */
export async function setAsideEvent(
  sql: SqlClient,
  relay: string,
  event: RecordedEvent,
  reason: string,
): Promise<void> {
  await sql.query(
    `INSERT INTO relay_dead_letters (relay, event_id, stream_id, revision, event_type, reason) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (relay, event_id) DO NOTHING`,
    [relay, event.eventId, event.streamId, event.revision, event.type, reason.slice(0, 2_000)],
  );
}

export interface DeadLetter {
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  reason: string;
  setAsideAt: string;
}

/** What a service's relay set aside: the count, and the latest few to name them. */
export async function deadLettersOf(sql: SqlClient, service: string): Promise<{ count: number; latest: DeadLetter[] }> {
  const count = await sql.query<{ count: string }>(
    'SELECT count(*)::text AS count FROM relay_dead_letters WHERE relay = $1',
    [`relay:${service}`],
  );
  const latest = await sql.query<{
    event_id: string;
    stream_id: string;
    revision: string;
    event_type: string;
    reason: string;
    set_aside_at: Date | string;
  }>(
    'SELECT event_id, stream_id, revision::text AS revision, event_type, reason, set_aside_at FROM relay_dead_letters WHERE relay = $1 ORDER BY set_aside_at DESC LIMIT 20',
    [`relay:${service}`],
  );
  return {
    count: Number(count.rows[0].count),
    latest: latest.rows.map((row) => ({
      eventId: row.event_id,
      streamId: row.stream_id,
      revision: Number(row.revision),
      type: row.event_type,
      reason: row.reason,
      setAsideAt: new Date(row.set_aside_at).toISOString(),
    })),
  };
}

/** The provider a service module declares to get its relay, with the translator of what it publishes. */
export function serviceRelayProvider(service: string, translate?: OutboundTranslator): Provider {
  return {
    provide: `cvl:relay:${service}`,
    useFactory: (store: EventStore, sql: SqlClient, bus: IntegrationBus, metrics: Metrics, readiness: Readiness) =>
      new ServiceRelay(service, store, sql, bus, metrics, readiness, translate),
    inject: [EVENT_STORE, SQL_CLIENT, INTEGRATION_BUS, Metrics, Readiness],
  };
}
