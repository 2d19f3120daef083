/* The contract both transports pass: the Kafka run uses the real broker. */
import { randomUUID } from 'node:crypto';
import { waitUntil } from '@cvl/testing';
import type { IntegrationEvent } from '../envelope';
import type { IntegrationBus } from '../integration-bus.port';

export function sampleEvent(
  streamid: string,
  revision: number,
  data: Record<string, string | number> = {},
): IntegrationEvent {
  return {
    id: randomUUID(),
    source: '/test',
    type: 'test.sample-recorded',
    specversion: '1.0',
    time: new Date().toISOString(),
    subject: streamid,
    datacontenttype: 'application/json',
    data: { amount: '1700000.00', funder: 'Maisons et Cités', ...data },
    streamid,
    revision,
    globalposition: `1000:${revision + 1}`,
    correlationid: randomUUID(),
    causationid: randomUUID(),
    actor: 'finance@agglo-lenslievin.fr',
    schemaversion: 1,
  };
}

export function integrationBusContract(
  transport: string,
  open: () => Promise<IntegrationBus>,
  timeoutMs = 30_000,
): void {
  describe(`IntegrationBus contract — ${transport}`, () => {
    let bus: IntegrationBus;
    const topic = () => `contract-${randomUUID()}`;
    const group = () => `group-${randomUUID()}`;

    beforeAll(async () => {
      bus = await open();
    });
    afterAll(async () => bus.close());

    it('delivers the envelope exactly as published', async () => {
      const t = topic();
      await bus.ensureTopics([t]);
      await bus.ensureTopics([t]);
      const event = sampleEvent(`funder-${randomUUID()}`, 0, { text: 'Liévin « Vent de Bise »' });
      const received: IntegrationEvent[] = [];
      const sub = await bus.subscribe({ groupId: group(), topics: [t], handle: async (e) => void received.push(e) });
      await bus.publish(t, [event]);
      await waitUntil(() => received.length === 1, timeoutMs, 'one event');
      await sub.stop();
      expect(received[0]).toEqual(event);
    });

    it('keeps each stream in order and gives every group every event', async () => {
      const t = topic();
      await bus.ensureTopics([t]);
      const streams = Array.from({ length: 5 }, () => `s-${randomUUID()}`);
      const events = Array.from({ length: 12 }, (_, revision) => streams.map((s) => sampleEvent(s, revision))).flat();
      const byGroup: IntegrationEvent[][] = [[], []];
      const subs = await Promise.all(
        byGroup.map((bucket) =>
          bus.subscribe({ groupId: group(), topics: [t], handle: async (e) => void bucket.push(e) }),
        ),
      );
      for (let i = 0; i < events.length; i += 20) await bus.publish(t, events.slice(i, i + 20));
      for (const bucket of byGroup)
        await waitUntil(() => bucket.length >= events.length, timeoutMs, 'every event in each group');
      await Promise.all(subs.map((s) => s.stop()));
      for (const bucket of byGroup) {
        expect(new Set(bucket.map((e) => e.id))).toEqual(new Set(events.map((e) => e.id)));
        for (const s of streams) {
          expect(bucket.filter((e) => e.streamid === s).map((e) => e.revision)).toEqual(
            Array.from({ length: 12 }, (_, i) => i),
          );
        }
      }
    });

    it('hands a fetch over as one batch, in order, and delivers a batch that failed again', async () => {
      const t = topic();
      await bus.ensureTopics([t]);
      const stream = `s-${randomUUID()}`;
      const events = Array.from({ length: 30 }, (_, revision) => sampleEvent(stream, revision));
      const batches: IntegrationEvent[][] = [];
      let failed = false;
      const sub = await bus.subscribe({
        groupId: group(),
        topics: [t],
        handle: async () => Promise.reject(new Error('handle must not serve when handleBatch is given')),
        handleBatch: async (delivered) => {
          // The first batch fails once: it must come again, whole, before anything after it.
          if (!failed) {
            failed = true;
            throw new Error('first batch refused once');
          }
          batches.push(delivered.map((d) => d.event));
        },
      });
      await bus.publish(t, events.slice(0, 10));
      await bus.publish(t, events.slice(10));
      await waitUntil(() => batches.flat().length >= events.length, timeoutMs, 'every event in batches');
      await sub.stop();
      const seen = batches.flat();
      // Redelivery may repeat events (at least once), never skip or reorder them.
      expect([...new Set(seen.map((e) => e.revision))]).toEqual(events.map((e) => e.revision));
      for (const batch of batches)
        expect(batch.map((e) => e.revision)).toEqual(batch.map((_, i) => batch[0].revision + i));
      expect(batches.length).toBeLessThan(events.length);
    });

    it('tells how many events a group has still to handle', async () => {
      const t = topic();
      const g = group();
      await bus.ensureTopics([t]);
      await bus.publish(
        t,
        Array.from({ length: 4 }, (_, i) => sampleEvent('backlog', i)),
      );
      expect(await bus.backlog(g, [t])).toBe(4);
      const seen = new Set<string>();
      const sub = await bus.subscribe({ groupId: g, topics: [t], handle: async (e) => void seen.add(e.id) });
      await waitUntil(
        async () => seen.size === 4 && (await bus.backlog(g, [t])) === 0,
        timeoutMs,
        'the backlog drained',
      );
      await sub.stop();
      await bus.publish(t, [sampleEvent('backlog', 4)]);
      expect(await bus.backlog(g, [t])).toBe(1);
    });

    it('a group that stops and comes back gets what was published meanwhile', async () => {
      const t = topic();
      const g = group();
      await bus.ensureTopics([t]);
      const received = new Set<string>();
      const first = Array.from({ length: 5 }, (_, i) => sampleEvent('resume', i));
      const later = Array.from({ length: 5 }, (_, i) => sampleEvent('resume', i + 5));
      let sub = await bus.subscribe({ groupId: g, topics: [t], handle: async (e) => void received.add(e.id) });
      await bus.publish(t, first);
      await waitUntil(() => received.size === 5, timeoutMs, 'first five');
      await sub.stop();
      await bus.publish(t, later);
      sub = await bus.subscribe({ groupId: g, topics: [t], handle: async (e) => void received.add(e.id) });
      await waitUntil(() => received.size === 10, timeoutMs, 'the five published while stopped');
      await sub.stop();
      expect([...received].sort()).toEqual([...first, ...later].map((e) => e.id).sort());
    });

    it('redelivers an event whose handler failed, instead of losing it', async () => {
      const t = topic();
      await bus.ensureTopics([t]);
      const event = sampleEvent('flaky', 0);
      let attempts = 0;
      const handled: string[] = [];
      const sub = await bus.subscribe({
        groupId: group(),
        topics: [t],
        handle: async (e) => {
          attempts++;
          if (attempts < 3) throw new Error('transient failure');
          handled.push(e.id);
        },
      });
      await bus.publish(t, [event]);
      await waitUntil(() => handled.length === 1, timeoutMs, 'the event after two failures');
      await sub.stop();
      expect(attempts).toBe(3);
      expect(handled).toEqual([event.id]);
    });
  });
}
