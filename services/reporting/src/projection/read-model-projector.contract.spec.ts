/*
 * Two replicas of reporting over the same read models (PGlite): a rebuild started by one is followed by the other,
 * which never writes into the rebuilt read models for the generation it was on; two rebuilds asked of two replicas
 * at once start one. The transport stands in (deliveries are handed to each replica's subscription by the test); the
 * read models, their transactions and locks are real.
 */
import { ConflictException } from '@nestjs/common';
import { openSqlEventStore } from '@cvl/event-store';
import type { IntegrationBus, IntegrationEvent, SubscribeOptions } from '@cvl/messaging';
import type { ConsumerEdge, Metrics } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { projectedEvents } from '../test-support/projected-events';
import { ReadModelProjector } from './read-model-projector';

const trace = {
  actor: { subject: 'finance', organisation: 'call', roles: ['pilotage'] },
  reasonCode: 'x',
  effectiveDate: '2016-01-01',
  recordedAt: '2016-01-02T00:00:00.000Z',
  source: { kind: 'document', document: 'cdv', line: 1 },
};
const event = projectedEvents<IntegrationEvent & { type: string }>({
  typePrefix: 'commitments.',
  actor: '{"subject":"finance","organisation":"call","roles":["pilotage"]}',
  time: '2016-01-02T00:00:00.000Z',
  trace,
});
const recorded = (id: string, amount: string) =>
  event('commitment-recorded', {
    commitmentId: id,
    funder: 'call',
    status: 'indicative',
    amount,
    isPool: false,
    attribution: { label: id, year: 2016, scale: 'CALL' },
    commitmentIds: [id],
  });

/** A replica: its projector on the shared read models, its subscriptions kept so the test can deliver to them. */
function replica(readModels: ReadModels, backlog: () => number) {
  const subscriptions: SubscribeOptions[] = [];
  const bus = {
    ensureTopics: async () => undefined,
    subscribe: async (options: SubscribeOptions) => {
      subscriptions.push(options);
      return { stop: async () => undefined };
    },
    backlog: async () => backlog(),
  } as unknown as IntegrationBus;
  const edge = { groups: new Map(), admits: async () => true } as unknown as ConsumerEdge;
  const metrics = { eventsConsumed: { inc: () => undefined } } as unknown as Metrics;
  const projector = new ReadModelProjector(bus, 'test', edge, readModels, metrics);
  return {
    projector,
    group: () => subscriptions.at(-1)?.groupId,
    /** What the transport delivers to the replica's latest subscription (one fetch). */
    deliver: (events: IntegrationEvent[]) =>
      subscriptions.at(-1)!.handleBatch!(
        events.map((e) => ({
          event: e,
          context: { topic: 'commitments.events.v1', partition: 0, offset: '0' },
        })) as never,
      ),
  };
}

describe('reporting as several replicas over one set of read models (PGlite)', () => {
  it('follows a rebuild started elsewhere, and never writes for a generation no longer current', async () => {
    const opened = await openSqlEventStore({});
    const readModels = new ReadModels(opened.client);
    let backlog = 0;
    const a = replica(readModels, () => backlog);
    const b = replica(readModels, () => backlog);
    const ids = async () =>
      (await opened.client.query<{ id: string }>('SELECT id FROM rm_commitments ORDER BY id')).rows.map((r) => r.id);
    try {
      await a.projector.onApplicationBootstrap();
      await b.projector.onApplicationBootstrap();
      expect(a.group()).toBe(b.group());
      await b.deliver([recorded('avant', '10.00')]);
      expect(await ids()).toEqual(['avant']);

      // A rebuilds: the read models are emptied under a new generation, read again from the start by A's new group.
      const firstGroup = b.group();
      await a.projector.replay();
      expect(await ids()).toEqual([]);
      expect(a.group()).not.toBe(firstGroup);

      // B, still on the old group, is handed a live event: nothing is written, and B moves to the new generation.
      await b.deliver([recorded('tardif', '20.00')]);
      expect(await ids()).toEqual([]);
      await b.projector.followCurrent();
      expect(b.group()).toBe(a.group());
      await b.deliver([recorded('tardif', '20.00')]);
      expect(await ids()).toEqual(['tardif']);

      // While that rebuild has a backlog, neither replica starts another; once drained, one may.
      backlog = 3;
      await expect(b.projector.replay()).rejects.toBeInstanceOf(ConflictException);
      await expect(a.projector.replay()).rejects.toBeInstanceOf(ConflictException);
      backlog = 0;
      // Asked of both at once: one rebuild starts, the other replica is told one is under way and follows it.
      const [first, second] = await Promise.allSettled([a.projector.replay(), b.projector.replay()]);
      expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
      const refused = [first, second].find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ConflictException);
      await a.projector.followCurrent();
      await b.projector.followCurrent();
      expect(a.group()).toBe(b.group());
      expect((await readModels.currentGeneration()).rebuild).toBe(true);
    } finally {
      await a.projector.beforeApplicationShutdown();
      await b.projector.beforeApplicationShutdown();
      await opened.store.close();
    }
  });
});
