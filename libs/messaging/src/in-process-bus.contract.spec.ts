import { integrationBusContract } from './contract/integration-bus.contract';
import { InProcessBus } from './in-process/in-process-bus';

integrationBusContract('in-process', async () => new InProcessBus(), 5_000);

describe('in-process bus', () => {
  it('refuses to publish to a topic that was never created, like a broker without auto-creation', async () => {
    const bus = new InProcessBus();
    await expect(bus.publish('nowhere', [])).rejects.toThrow(/sujet inconnu/);
    await bus.close();
  });
});
