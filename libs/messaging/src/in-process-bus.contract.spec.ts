import { waitUntil } from '@cvl/testing';
import { integrationBusContract, sampleEvent } from './contract/integration-bus.contract';
import { InProcessBus } from './in-process/in-process-bus';

integrationBusContract('in-process', async () => new InProcessBus(), 5_000);

describe('in-process bus', () => {
  it('refuses to publish to a topic that was never created, like a broker without auto-creation', async () => {
    const bus = new InProcessBus();
    await expect(bus.publish('nowhere', [])).rejects.toThrow(/sujet inconnu/);
    await bus.close();
  });

  it('tells of each failed delivery, with the error, while it retries', async () => {
    const failures: string[] = [];
    const bus = new InProcessBus({ onHandlerError: (groupId, topic, error) => failures.push(`${groupId} ${topic} ${(error as Error).message}`) });
    await bus.ensureTopics(['t']);
    let attempts = 0;
    const sub = await bus.subscribe({ groupId: 'g', topics: ['t'], handle: async () => { if (++attempts < 3) throw new Error('colonne inconnue'); } });
    await bus.publish('t', [sampleEvent('s', 0)]);
    await waitUntil(() => attempts === 3, 5_000, 'delivered on the third attempt');
    await sub.stop();
    await bus.close();
    expect(failures).toEqual(['g t colonne inconnue', 'g t colonne inconnue']);
  });
});
