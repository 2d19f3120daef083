import { Logger, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { SqlClient } from '@cvl/event-store';
import type { IntegrationBus } from '@cvl/messaging';
import type { ConsumerEdge } from '../messaging/consumer-edge';
import type { Metrics } from './metrics';
import type { Readiness } from './readiness';

/** A scrape never waits longer than this for one source (a broker that does not answer is a gap, not a hang). */
const COLLECT_TIMEOUT_MS = 2_000;

function within<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('délai dépassé')), COLLECT_TIMEOUT_MS).unref()),
  ]);
}

/**
 * What an operator watches, read at each scrape from where it is true rather than counted on the side: each relay's
 * backlog (events stored, not yet published), each consumer group's lag (messages on its topics it has not committed
 * — reporting's groups are its projections), and the database pool. A source that fails leaves its series out of that
 * scrape and says why in the log, once a minute at most.
 */
export class OperatorMetrics implements OnModuleInit {
  private readonly logger = new Logger('Metrics');
  private lastWarningAt = 0;

  constructor(
    private readonly metrics: Metrics,
    private readonly readiness: Readiness,
    private readonly bus: IntegrationBus,
    private readonly sql: SqlClient,
    private readonly edge: ConsumerEdge,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    // Inside collect(), `this` is the gauge: the sources are taken here.
    const { readiness, edge, bus, sql } = this;
    const warn = (message: string) => this.warn(message);
    new Gauge({
      name: 'cvl_relay_backlog_events',
      help: 'Événements enregistrés que le relais n’a pas encore publiés',
      labelNames: ['relay'],
      registers,
      async collect() {
        for (const lag of await readiness.lags())
          if (lag.name.startsWith('relay:') && lag.lag !== undefined) this.set({ relay: lag.name.slice(6) }, lag.lag);
      },
    });
    new Gauge({
      name: 'cvl_consumer_lag_messages',
      help: 'Messages des sujets d’un groupe de consommateurs pas encore traités (les projections de reporting incluses)',
      labelNames: ['group'],
      registers,
      async collect() {
        this.reset();
        for (const [group, topics] of edge.groups) {
          try {
            this.set({ group }, await within(bus.backlog(group, [...topics])));
          } catch (error) {
            warn(`retard du groupe ${group} illisible : ${(error as Error).message}`);
          }
        }
      },
    });
    new Gauge({
      name: 'cvl_db_pool_connections',
      help: 'Connexions du pool PostgreSQL, par état (total, idle, waiting : requêtes en attente d’une connexion ; max)',
      labelNames: ['state'],
      registers,
      collect() {
        const stats = sql.poolStats?.();
        if (!stats) return;
        for (const [state, value] of Object.entries(stats)) this.set({ state }, value);
      },
    });
  }

  private warn(message: string): void {
    if (Date.now() - this.lastWarningAt < 60_000) return;
    this.lastWarningAt = Date.now();
    this.logger.warn(message);
  }
}
