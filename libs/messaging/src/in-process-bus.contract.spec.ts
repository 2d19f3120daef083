import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteSqlClient, type SqlClient } from '@cvl/event-store';
import { waitUntil } from '@cvl/testing';
import { integrationBusContract, sampleEvent } from './contract/integration-bus.contract';
import type { IntegrationEvent } from './envelope';
import { InProcessBus } from './in-process/in-process-bus';

const clients: SqlClient[] = [];
const memory = async () => {
  const client = await PgliteSqlClient.open();
  clients.push(client);
  return client;
};
afterAll(async () => Promise.all(clients.map((client) => client.close())));

integrationBusContract('in-process', async () => InProcessBus.open(await memory()), 5_000);

describe('in-process bus', () => {
  it('refuses to publish to a topic that was never created, like a broker without auto-creation', async () => {
    const bus = await InProcessBus.open(await memory());
    await expect(bus.publish('nowhere', [])).rejects.toThrow(/sujet inconnu/);
    await bus.close();
  });

  it('keeps its messages and positions across a restart: a new group reads from the first message, a known one resumes', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cvl-bus-'));
    const read = async (groupId: string, count: number) => {
      const client = await PgliteSqlClient.open({ dataDir: join(folder, 'store') });
      const bus = await InProcessBus.open(client);
      await bus.ensureTopics(['t']);
      const seen: IntegrationEvent[] = [];
      const sub = await bus.subscribe({ groupId, topics: ['t'], handle: async (event) => void seen.push(event) });
      return {
        client,
        bus,
        seen,
        done: async () => {
          await waitUntil(() => seen.length >= count, 5_000, `${count} events for ${groupId}`);
          await sub.stop();
          await bus.close();
          await client.close();
        },
      };
    };
    const first = await read('projection', 3);
    await first.bus.publish('t', [sampleEvent('s', 0), sampleEvent('s', 1), sampleEvent('s', 2)]);
    await first.done();
    // The process is gone; its messages are not.
    const rebuild = await read('projection-generation-2', 3);
    await rebuild.done();
    expect(rebuild.seen.map((event) => event.revision)).toEqual([0, 1, 2]);
    const resumed = await read('projection', 1);
    await resumed.bus.publish('t', [sampleEvent('s', 3)]);
    await resumed.done();
    expect(resumed.seen.map((event) => event.revision)).toEqual([3]);
    rmSync(folder, { recursive: true, force: true });
  });

  it('tells of each failed delivery, with the error, while it retries', async () => {
    const failures: string[] = [];
    const bus = await InProcessBus.open(await memory(), {
      onHandlerError: (groupId, topic, error) => failures.push(`${groupId} ${topic} ${(error as Error).message}`),
    });
    await bus.ensureTopics(['t']);
    let attempts = 0;
    const sub = await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      handle: async () => {
        if (++attempts < 3) throw new Error('colonne inconnue');
      },
    });
    await bus.publish('t', [sampleEvent('s', 0)]);
    await waitUntil(() => attempts === 3, 5_000, 'delivered on the third attempt');
    await sub.stop();
    await bus.close();
    expect(failures).toEqual(['g t colonne inconnue', 'g t colonne inconnue']);
  });
});
