import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { IdempotentConsumer, topicFor, type BusSubscription, type IntegrationBus, type IntegrationEvent } from '@cvl/messaging';
import { subscribeConsumer, DEPLOYMENT, INTEGRATION_BUS, Metrics } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { project, touched } from './commitment-projection';

export const PROJECTION = 'reporting.commitments';

/**
 * Projects commitments' events into the read model: each event at most once (its id is marked in the same
 * transaction as the change), so a redelivery or a restart mid-stream counts nothing twice.
 */
@Injectable()
export class CommitmentsProjector implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private subscription?: BusSubscription;
  private readonly consumer: IdempotentConsumer;

  constructor(
    @Inject(INTEGRATION_BUS) private readonly bus: IntegrationBus,
    @Inject(DEPLOYMENT) private readonly deployment: string,
    private readonly readModels: ReadModels,
    private readonly metrics: Metrics,
  ) {
    this.consumer = new IdempotentConsumer(readModels.sql, PROJECTION);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.readModels.init();
    const name = `${PROJECTION}.${await this.readModels.generation()}`;
    this.subscription = await subscribeConsumer(this.bus, this.deployment, { name, topics: [topicFor('commitments')], fromBeginning: true }, (event) => this.handle(event));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  /** Optional pause per event (REPORTING_PROJECTION_DELAY_MS): eases a rebuild's load on a busy database. */
  private readonly delayMs = Math.max(0, Math.min(Number(process.env.REPORTING_PROJECTION_DELAY_MS ?? '0') || 0, 10_000));

  async handle(event: IntegrationEvent): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const outcome = await this.consumer.consume(event, async (tx) => {
      const projected = { id: event.id, type: event.type, actor: event.actor, time: event.time, data: event.data as Record<string, unknown> };
      const docs = await this.readModels.load(tx, touched(projected));
      await this.readModels.save(tx, project(docs, projected));
    });
    this.metrics.eventsConsumed.inc({ consumer: PROJECTION, outcome });
  }
}
