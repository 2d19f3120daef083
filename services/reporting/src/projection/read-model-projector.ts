import {
  BeforeApplicationShutdown,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import {
  IdempotentConsumer,
  topicFor,
  type BusSubscription,
  type IntegrationBus,
  type IntegrationEvent,
} from '@cvl/messaging';
import type { SqlExecutor } from '@cvl/event-store';
import {
  consumerGroup,
  subscribeConsumer,
  CONSUMER_EDGE,
  DEPLOYMENT,
  INTEGRATION_BUS,
  Metrics,
  Readiness,
  type ConsumerEdge,
} from '@cvl/platform';
import { GenerationChanged, ReadModels } from '../infrastructure/read-models';
import { askService } from '../infrastructure/service-client';
import { project, touched, type CommitmentsProjectedEvent, type ProjectedCommitment } from './commitment-projection';
import {
  documentsTouched,
  projectProgrammes,
  refKey,
  type DocRef,
  type ProgrammeDoc,
  type ProgrammesProjectedEvent,
} from './programme-projection';

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
  /** « stores »: reading each service's own store; « transport »: following the topics. */
  phase: 'stores' | 'transport';
  /** A service whose store could not be read: the rebuild went on from the topics alone, and says so. */
  warning?: string;
}

/** Where a rebuild reads the producing services' stores: the caller's credentials, and this process's address. */
export interface StoreAccess {
  origin: string;
  authorization: string | undefined;
}

interface EventFeedPage {
  events: IntegrationEvent[];
  next: string;
  end: boolean;
}

/** The most events projected in one transaction from the topics (a store's feed page is as long). */
const FEED_PAGE_EVENTS = 1_000;

/** How often a replica looks whether another started a new generation (a projection's transaction checks it too). */
const FOLLOW_INTERVAL_MS = 5_000;

/** Bounds a rebuild's reading of one store: 100 000 pages of 1 000 events. */
const MAX_FEED_PAGES = 100_000;

const sourceOf = (type: string) => SOURCES.find((source) => type.startsWith(`${source}.`));

/**
 * Projects the three services' events into the read models: each event at most once (its id is marked in the same
 * transaction as the change), so a redelivery or a restart mid-stream counts nothing twice. One consumer group for
 * the three topics, named after the read models' generation: a new generation reads everything from the start.
 */
@Injectable()
export class ReadModelProjector implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription?: BusSubscription;
  /** A rebuild is being set up right now. */
  private starting = false;
  private readonly consumers: Record<Source, IdempotentConsumer>;
  private backfilling?: Promise<void>;
  private warning?: string;
  private readonly logger = new Logger('Reconstruction');

  constructor(
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    @Inject(DEPLOYMENT) private readonly deployment: string,
    @Inject(CONSUMER_EDGE) private readonly edge: ConsumerEdge,
    private readonly readModels: ReadModels,
    private readonly metrics: Metrics,
    @Optional() private readonly readiness?: Readiness,
  ) {
    this.consumers = Object.fromEntries(
      SOURCES.map((source) => [source, new IdempotentConsumer(readModels.sql, projectionName(source))]),
    ) as Record<Source, IdempotentConsumer>;
  }

  private readonly topics = SOURCES.map((source) => topicFor(source));
  private readonly consumerNames = SOURCES.map(projectionName);
  private groupName = '';
  /** The generation this process projects for: another replica's rebuild changes it in the database. */
  private generation = '';
  private followTimer?: NodeJS.Timeout;
  /** Switches from one generation to the next, one at a time. */
  private following: Promise<void> = Promise.resolve();
  /** Where the edge sets aside what a store's feed gave outside the contract during a rebuild. */
  private readonly feedConsumer = 'reporting.read-models.feed';

  async onApplicationBootstrap(): Promise<void> {
    await this.readModels.init();
    await this.subscribe(await this.readModels.generation());
    // Several replicas share the read models: one that sees a generation started by another follows it (each
    // projection also checks it in its transaction, so nothing is ever written for a generation no longer current).
    this.followTimer = setInterval(() => void this.followCurrent(), FOLLOW_INTERVAL_MS);
    this.followTimer.unref();
    // Events published and not yet projected: reporting behind shows here.
    this.readiness?.register({
      name: 'projection:reporting',
      lag: async () => this.bus.backlog(this.groupName, this.topics),
    });
  }

  private groupOf(generation: string): string {
    return `reporting.read-models.${generation}`;
  }

  private groupOfDeployment(generation: string): string {
    return consumerGroup(this.deployment, this.groupOf(generation));
  }

  private async subscribe(generation: string): Promise<void> {
    const name = this.groupOf(generation);
    this.generation = generation;
    this.subscription = await subscribeConsumer(
      this.bus,
      this.deployment,
      this.edge,
      { name, topics: this.topics, fromBeginning: true },
      (event) => this.delivered(generation, () => this.handle(event, generation)),
      (events) => this.delivered(generation, () => this.handleDelivered(events, generation)),
    );
    this.groupName = this.groupOfDeployment(generation);
  }

  /**
   * What the topics deliver under a generation's group. A generation started since (by another replica) refuses the
   * projection in its transaction: nothing is written, the delivery is let go — that group is abandoned — and this
   * process follows the new generation, whose group reads everything from the start.
   */
  private async delivered(generation: string, project: () => Promise<void>): Promise<void> {
    try {
      await project();
    } catch (error) {
      if (!(error instanceof GenerationChanged)) throw error;
      // Not awaited: the subscription being stopped is the one delivering this.
      void this.follow(error.current);
    }
  }

  /** The generation in the database, if another replica changed it: followed. */
  async followCurrent(): Promise<void> {
    try {
      const current = await this.readModels.generation();
      if (current !== this.generation) await this.follow(current);
    } catch (error) {
      this.logger.warn(`génération des modèles de lecture illisible : ${(error as Error).message}`);
    }
  }

  private follow(generation: string): Promise<void> {
    this.following = this.following.then(async () => {
      // A rebuild of this process is being set up, or this generation is already followed.
      if (this.starting || this.backfilling || generation === this.generation) return;
      this.logger.log(`reconstruction lancée ailleurs : génération ${generation} suivie`);
      await this.subscription?.stop();
      this.subscription = undefined;
      this.warning = undefined;
      await this.subscribe(generation);
    });
    return this.following.catch((error: unknown) =>
      this.logger.error(
        { err: error },
        `génération ${generation} : abonnement impossible — ${(error as Error).message}`,
      ),
    );
  }

  /**
   * `cvl replay`: stop projecting, start a new generation (empty read models), read every event again from the
   * producing services' own stores — whatever the transport has kept or lost — then follow the topics from their
   * start, where what was already read is recognised by its id and counted once.
   */
  async replay(access?: StoreAccess): Promise<ReplayProgress> {
    // One rebuild at a time: another would empty the read models under the one still filling them. Refused while one
    // is being set up (no await before the flag is set) and while its backlog is not drained.
    const busy = () =>
      new ConflictException(
        'Une reconstruction est déjà en cours : suivez son avancement (GET /api/reporting/replay) et relancez une fois à jour.',
      );
    if (this.starting) throw busy();
    this.starting = true;
    try {
      // A rebuild still filling — this process's, or another replica's (the database says a rebuild started the
      // current generation, and its group still has a backlog) — is let finish.
      if (this.backfilling) throw busy();
      const current = await this.readModels.currentGeneration();
      if (current.rebuild && (await this.bus.backlog(this.groupOfDeployment(current.generation), this.topics)) > 0)
        throw busy();
      await this.following;
      await this.subscription?.stop();
      this.subscription = undefined;
      let generation: string;
      try {
        // Only from the generation just read: of two replicas asked at once, the second is refused.
        generation = await this.readModels.startGeneration(this.consumerNames, current.generation);
      } catch (error) {
        if (!(error instanceof GenerationChanged)) throw error;
        await this.subscribe(error.current);
        throw busy();
      }
      this.generation = generation;
      // The backlog is the new group's from now on, even before it subscribes (all of the topics, then).
      this.groupName = this.groupOfDeployment(generation);
      this.warning = undefined;
      if (!access) {
        await this.subscribe(generation);
      } else {
        const started = this.readStores(access, generation).then(() => this.subscribe(generation));
        this.backfilling = started;
        void started
          .catch((error: unknown) =>
            this.logger.error({ err: error }, `reconstruction : abonnement impossible — ${(error as Error).message}`),
          )
          .finally(() => {
            if (this.backfilling === started) this.backfilling = undefined;
          });
      }
    } finally {
      this.starting = false;
    }
    return this.progress();
  }

  /** Every event of each source's store, through its feed, in its order. A source that fails is told, not hidden. */
  private async readStores(access: StoreAccess, generation: string): Promise<void> {
    for (const source of SOURCES) {
      try {
        let after = '0:0';
        for (let page = 0; page < MAX_FEED_PAGES; page++) {
          const feed = await askService<EventFeedPage>(
            source,
            access.origin,
            `/api/${source}/events?after=${encodeURIComponent(after)}`,
            access.authorization,
          );
          await this.handleBatch(source, await this.admitted(source, feed.events), generation);
          after = feed.next;
          if (feed.end) break;
        }
      } catch (error) {
        // A newer generation (a rebuild elsewhere) replaces this one: its own reading of the stores is what counts.
        if (error instanceof GenerationChanged) return;
        this.warning = `magasin de ${source} illisible (${(error as Error).message}) : reconstruit depuis le transport seul, qui peut ne plus tout avoir`;
        this.logger.warn(this.warning);
      }
    }
  }

  /**
   * What a store's feed gave that the contract allows: the same edge as the topics' (a service's own store is not
   * trusted more than its topic), what fails set aside under the projection's name with its reason.
   */
  private async admitted(source: Source, events: readonly IntegrationEvent[]): Promise<IntegrationEvent[]> {
    const admitted: IntegrationEvent[] = [];
    for (const event of events)
      if (await this.edge.admits(this.feedConsumer, event, { topic: topicFor(source) })) admitted.push(event);
    return admitted;
  }

  /** How far the current generation is: events projected, events still waiting on the topics. */
  async progress(): Promise<ReplayProgress> {
    const phase = this.backfilling ? 'stores' : 'transport';
    const [progress, backlog] = await Promise.all([
      this.readModels.progress(this.consumerNames),
      this.bus.backlog(this.groupName, this.topics),
    ]);
    return {
      ...progress,
      backlog,
      upToDate: phase === 'transport' && backlog === 0,
      phase,
      ...(this.warning ? { warning: this.warning } : {}),
    };
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.followTimer);
    this.readiness?.unregister('projection:reporting');
    await this.following;
    await this.backfilling?.catch(() => undefined);
    await this.subscription?.stop();
  }

  /** Optional pause per event (REPORTING_PROJECTION_DELAY_MS): eases a rebuild's load on a busy database. */
  private readonly delayMs = Math.max(
    0,
    Math.min(Number(process.env.REPORTING_PROJECTION_DELAY_MS ?? '0') || 0, 10_000),
  );

  async handle(event: IntegrationEvent, generation = this.generation): Promise<void> {
    const source = sourceOf(event.type);
    if (!source) return;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const [outcome] = await this.consumers[source].consumeBatch([event], (tx, fresh) =>
      this.projectFor(tx, source, fresh, generation),
    );
    this.metrics.eventsConsumed.inc({ consumer: projectionName(source), outcome });
  }

  /**
   * A fetch from the topics (one topic, one partition: one source), a transaction per run of one source's events
   * of at most a feed page — command → visible costs one commit per fetch, not per event. Paced one by one.
   */
  private async handleDelivered(events: readonly IntegrationEvent[], generation: string): Promise<void> {
    for (let start = 0; start < events.length;) {
      const source = sourceOf(events[start].type);
      let end = start + 1;
      while (end < events.length && end - start < FEED_PAGE_EVENTS && sourceOf(events[end].type) === source) end++;
      if (source) await this.handleBatch(source, events.slice(start, end), generation);
      start = end;
    }
  }

  /** A projection's writes, only while its generation is still the current one (checked in its transaction). */
  private async projectFor(tx: SqlExecutor, source: Source, events: readonly IntegrationEvent[], generation: string) {
    await this.readModels.assertGeneration(tx, generation);
    await projectEvents(this.readModels, tx, source, events);
  }

  /** A page of one source's store, in one transaction (a rebuild's pace is its commits); one by one when paced. */
  private async handleBatch(source: Source, events: readonly IntegrationEvent[], generation: string): Promise<void> {
    const own = events.filter((event) => sourceOf(event.type) === source);
    if (this.delayMs > 0) {
      for (const event of own) await this.handle(event, generation);
      return;
    }
    const outcomes = await this.consumers[source].consumeBatch(own, (tx, fresh) =>
      this.projectFor(tx, source, fresh, generation),
    );
    for (const outcome of outcomes) this.metrics.eventsConsumed.inc({ consumer: projectionName(source), outcome });
  }
}

/**
 * Applies events of one source in their order to what they touch: everything they touch read in one query, folded in
 * memory (the projections are pure), each changed document written once — a batch costs a few statements, not a few
 * per event. Also what the benchmark's rebuild measures.
 */
export async function projectEvents(
  readModels: ReadModels,
  tx: SqlExecutor,
  source: Source,
  events: readonly IntegrationEvent[],
): Promise<void> {
  // The edge admitted each of them against contracts/ (topics and stores' feeds alike): typed by their type from here.
  const projected = events.map((event) => ({
    id: event.id,
    type: event.type,
    actor: event.actor,
    time: event.time,
    data: event.data,
  })) as unknown as ProgrammesProjectedEvent[];
  if (source === 'commitments') {
    const published = projected as CommitmentsProjectedEvent[];
    const docs = new Map(await readModels.load(tx, [...new Set(published.flatMap(touched))]));
    const changed = new Set<string>();
    for (const event of published) {
      for (const doc of project(docs, event)) {
        docs.set(doc.id, doc);
        changed.add(doc.id);
      }
    }
    await readModels.save(
      tx,
      [...changed].map((id) => docs.get(id) as ProjectedCommitment),
    );
  }
  const refs = [...new Map(projected.flatMap(documentsTouched).map((ref) => [refKey(ref), ref])).values()];
  if (refs.length === 0) return;
  const documents = new Map(await readModels.loadDocuments(tx, refs));
  const changed = new Map<string, DocRef>();
  for (const event of projected) {
    for (const item of projectProgrammes(documents, event)) {
      documents.set(refKey(item.ref), item.doc);
      changed.set(refKey(item.ref), item.ref);
    }
  }
  await readModels.saveDocuments(
    tx,
    [...changed].map(([key, ref]) => ({ ref, doc: documents.get(key) as ProgrammeDoc })),
  );
}
