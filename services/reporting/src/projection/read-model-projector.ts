import { BeforeApplicationShutdown, ConflictException, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { IdempotentConsumer, topicFor, type BusSubscription, type IntegrationBus, type IntegrationEvent } from '@cvl/messaging';
import { consumerGroup, subscribeConsumer, DEPLOYMENT, INTEGRATION_BUS, Metrics } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { project, touched, type ProjectedEvent } from './commitment-projection';
import { documentsTouched, projectProgrammes } from './programme-projection';

/** The services whose topics reporting reads; each has its own consumer name (and processed-events marks). */
export const SOURCES = ['commitments', 'renewal-urban', 'iti-feder'] as const;
export type Source = (typeof SOURCES)[number];
export const projectionName = (source: Source) => `reporting.${source}`;
export interface ReplayProgress {
  generation: string;
  startedAt: string;
  projected: number;
  backlog: number;
  upToDate: boolean;
}

const sourceOf = (type: string) => SOURCES.find((source) => type.startsWith(`${source}.`));

/**
 * Projects the three services' events into the read models: each event at most once (its id is marked in the same
 * transaction as the change), so a redelivery or a restart mid-stream counts nothing twice. One consumer group for
 * the three topics, named after the read models' generation: a new generation reads everything from the start.
 */
@Injectable()
export class ReadModelProjector implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription?: BusSubscription;
  /** A rebuild was started by this process (its progress says when it is over). */
  private replaying = false;
  /** A rebuild is being set up right now. */
  private starting = false;
  private readonly consumers: Record<Source, IdempotentConsumer>;

  constructor(
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    @Inject(DEPLOYMENT) private readonly deployment: string,
    private readonly readModels: ReadModels,
    private readonly metrics: Metrics,
  ) {
    this.consumers = Object.fromEntries(SOURCES.map((source) => [source, new IdempotentConsumer(readModels.sql, projectionName(source))])) as Record<Source, IdempotentConsumer>;
  }

  private readonly topics = SOURCES.map((source) => topicFor(source));
  private readonly consumerNames = SOURCES.map(projectionName);
  private groupName = '';

  async onApplicationBootstrap(): Promise<void> {
    await this.readModels.init();
    await this.subscribe(await this.readModels.generation());
  }

  private async subscribe(generation: string): Promise<void> {
    const name = `reporting.read-models.${generation}`;
    this.subscription = await subscribeConsumer(this.bus, this.deployment, { name, topics: this.topics, fromBeginning: true }, (event) => this.handle(event));
    this.groupName = consumerGroup(this.deployment, name);
  }

  /** `cvl replay`: stop projecting, start a new generation (empty read models), project every topic again. */
  async replay(): Promise<ReplayProgress> {
    // One rebuild at a time: another would empty the read models under the one still filling them. Refused while one
    // is being set up (no await before the flag is set) and while its backlog is not drained.
    const busy = () => new ConflictException('Une reconstruction est déjà en cours : suivez son avancement (GET /api/reporting/replay) et relancez une fois à jour.');
    if (this.starting) throw busy();
    this.starting = true;
    try {
      if (this.replaying && !(await this.progress()).upToDate) throw busy();
      this.replaying = true;
      await this.subscription?.stop();
      this.subscription = undefined;
      await this.subscribe(await this.readModels.startGeneration(this.consumerNames));
    } finally {
      this.starting = false;
    }
    return this.progress();
  }

  /** How far the current generation is: events projected, events still waiting on the topics. */
  async progress(): Promise<ReplayProgress> {
    const [progress, backlog] = await Promise.all([this.readModels.progress(this.consumerNames), this.bus.backlog(this.groupName, this.topics)]);
    return { ...progress, backlog, upToDate: backlog === 0 };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  /** Optional pause per event (REPORTING_PROJECTION_DELAY_MS): eases a rebuild's load on a busy database. */
  private readonly delayMs = Math.max(0, Math.min(Number(process.env.REPORTING_PROJECTION_DELAY_MS ?? '0') || 0, 10_000));

  async handle(event: IntegrationEvent): Promise<void> {
    const source = sourceOf(event.type);
    if (!source) return;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const outcome = await this.consumers[source].consume(event, async (tx) => {
      const projected: ProjectedEvent = { id: event.id, type: event.type, actor: event.actor, time: event.time, data: event.data as Record<string, unknown> };
      if (source === 'commitments') await this.readModels.save(tx, project(await this.readModels.load(tx, touched(projected)), projected));
      const refs = documentsTouched(projected);
      if (refs.length > 0) await this.readModels.saveDocuments(tx, projectProgrammes(await this.readModels.loadDocuments(tx, refs), projected));
    });
    this.metrics.eventsConsumed.inc({ consumer: projectionName(source), outcome });
  }
}
