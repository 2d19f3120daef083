import { ConflictException } from '@nestjs/common';
import type { IntegrationBus } from '@cvl/messaging';
import type { ConsumerEdge, Metrics } from '@cvl/platform';
import type { ReadModels } from '../infrastructure/read-models';
import { ReadModelProjector } from './read-model-projector';

/** The projector's rebuild protocol alone: the bus and the read models stand in as the least that answers. */
function projector(backlog: () => number) {
  let generations = 0;
  let current = { generation: 'g0', rebuild: false };
  const bus = {
    ensureTopics: async () => undefined,
    subscribe: async () => ({ stop: async () => undefined }),
    backlog: async () => backlog(),
  } as unknown as IntegrationBus;
  const readModels = {
    sql: {},
    init: async () => undefined,
    generation: async () => current.generation,
    currentGeneration: async () => current,
    startGeneration: async () => {
      current = { generation: `g${++generations}`, rebuild: true };
      return current.generation;
    },
    progress: async () => ({ generation: `g${generations}`, startedAt: '2026-12-01T00:00:00.000Z', projected: 0 }),
  } as unknown as ReadModels;
  return {
    projector: new ReadModelProjector(
      bus,
      'test',
      { groups: new Map() } as unknown as ConsumerEdge,
      readModels,
      {} as Metrics,
    ),
    generations: () => generations,
  };
}

describe('one rebuild at a time', () => {
  it('refuses a second replay while the first is being set up or still has a backlog, and accepts one once it is drained', async () => {
    let waiting = 5;
    const { projector: p, generations } = projector(() => waiting);
    await p.onApplicationBootstrap();
    const [first, second] = await Promise.allSettled([p.replay(), p.replay()]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && second.reason).toBeInstanceOf(ConflictException);
    await expect(p.replay()).rejects.toThrow('Une reconstruction est déjà en cours');
    expect(generations()).toBe(1);
    waiting = 0;
    await expect(p.replay()).resolves.toMatchObject({ upToDate: true });
    expect(generations()).toBe(2);
  });
});
