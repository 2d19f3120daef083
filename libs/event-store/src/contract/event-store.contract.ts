/* The contract every EventStore adapter passes. Spec files call it with a factory for their adapter. */
import { randomUUID } from 'node:crypto';
import {
  compareCheckpoints,
  EventIdConflictError,
  InvalidAppendError,
  MAX_APPEND_EVENTS,
  START,
  TagConflictError,
  WrongExpectedRevisionError,
  type EventStore,
  type GlobalCheckpoint,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port';
import { catchUp, type CheckpointStore } from '../subscription';

export interface ContractFixture {
  store: EventStore;
  checkpoints: CheckpointStore;
  cleanup: () => Promise<void>;
}

export const newEvent = (type = 'test.something-happened', data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data: { ...data, at: Date.now() } as NewEvent['data'],
  metadata: { actor: 'contract-suite', correlationId: randomUUID() },
});

export async function readAllFrom(
  store: EventStore,
  from: GlobalCheckpoint = START,
  page = 7,
): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let position = from;
  for (let guard = 0; guard < 100_000; guard++) {
    const batch = await store.readAll(position, page);
    if (batch.length === 0) return all;
    all.push(...batch);
    position = batch[batch.length - 1].checkpoint;
  }
  throw new Error('readAll did not end');
}

export function eventStoreContract(adapter: string, open: () => Promise<ContractFixture>): void {
  describe(`EventStore contract — ${adapter}`, () => {
    let fixture: ContractFixture;
    let store: EventStore;
    const stream = () => `contract-${randomUUID()}`;

    // One store for the suite: every test works on streams of its own, so they cannot see each other's events.
    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterAll(async () => fixture.cleanup());

    it('appends to a new stream and reads it back in revision order', async () => {
      const id = stream();
      const events = [
        newEvent('a', { n: 1 }),
        newEvent('b', { n: 2, text: 'Liévin — « 1 700 000,00 € »' }),
        newEvent('c', { nested: { list: [1, 'two', null] } }),
      ];
      const result = await store.append(id, events, 'no_stream');
      expect(result.revision).toBe(2);
      expect(result.idempotentReplay).toBe(false);
      const read = await store.readStream(id);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expect(read.map((e) => e.data)).toEqual(events.map((e) => e.data));
      expect(read[0].metadata).toEqual(events[0].metadata);
      expect(await store.streamRevision(id)).toBe(2);
      expect(await store.streamRevision(stream())).toBe(-1);
    });

    it('appends with the expected revision, and refuses a stale one without writing', async () => {
      const id = stream();
      await store.append(id, [newEvent()], 'no_stream');
      await store.append(id, [newEvent()], 0);
      await expect(store.append(id, [newEvent()], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(id, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(stream(), [newEvent()], 'stream_exists')).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(store.append(stream(), [newEvent()], 3)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream(id)).length).toBe(2);
      await store.append(id, [newEvent()], 'any');
      await store.append(id, [newEvent()], 'stream_exists');
      expect(await store.streamRevision(id)).toBe(3);
    });

    it('treats an append of already-stored event ids as a retry: same result, nothing written', async () => {
      const id = stream();
      const events = [newEvent(), newEvent()];
      const first = await store.append(id, events, 'no_stream');
      const before = (await readAllFrom(store)).length;
      const retry = await store.append(id, events, 'no_stream');
      expect(retry.idempotentReplay).toBe(true);
      expect(retry.revision).toBe(first.revision);
      expect(retry.events.map((e) => e.hash)).toEqual(first.events.map((e) => e.hash));
      expect((await readAllFrom(store)).length).toBe(before);
    });

    it('refuses an event id already used elsewhere or partly in the batch', async () => {
      const event = newEvent();
      await store.append(stream(), [event], 'no_stream');
      await expect(store.append(stream(), [event], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
      const other = stream();
      await expect(store.append(other, [newEvent(), event], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
      expect(await store.streamRevision(other)).toBe(-1);
    });

    it.each([
      ['streamId', '', [newEvent()]],
      ['events', 'x', []],
      ['events[0].type', 'x', [{ ...newEvent(), type: '' }]],
      ['events[0].schemaVersion', 'x', [{ ...newEvent(), schemaVersion: 0 }]],
      ['events[0].data', 'x', [{ ...newEvent(), data: [] as never }]],
      // A 9 MB reference attribute: refused at write, never stored to block the relay.
      ['events[0].data', 'x', [{ ...newEvent(), data: { attributes: { note: 'x'.repeat(9 * 1024 * 1024) } } }]],
      ['events[0].tags[1]', 'x', [{ ...newEvent(), tags: ['envelope:e1', 'pas une étiquette'] }]],
      ['events[0].tags', 'x', [{ ...newEvent(), tags: ['envelope:e1', 'envelope:e1'] }]],
    ])('refuses bad input naming %s, writing nothing', async (field, id, events) => {
      const target = id ? stream() : id;
      await expect(store.append(target, events as NewEvent[], 'any')).rejects.toThrow(InvalidAppendError);
      await expect(store.append(target, events as NewEvent[], 'any')).rejects.toThrow(field);
      if (target) expect(await store.streamRevision(target)).toBe(-1);
    });

    it('reads the global log once each, in an order consistent with every stream, across pages', async () => {
      const streams = [stream(), stream(), stream()];
      for (let round = 0; round < 4; round++) {
        for (const id of streams) await store.append(id, [newEvent(), newEvent()], 'any');
      }
      const all = (await readAllFrom(store, START, 5)).filter((e) => streams.includes(e.streamId));
      expect(all.length).toBe(24);
      expect(new Set(all.map((e) => e.eventId)).size).toBe(24);
      for (const id of streams) {
        expect(all.filter((e) => e.streamId === id).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      }
      for (let i = 1; i < all.length; i++)
        expect(compareCheckpoints(all[i - 1].checkpoint, all[i].checkpoint)).toBeLessThan(0);
    });

    it('reads a stream from a revision, a page at a time', async () => {
      const id = stream();
      await store.append(
        id,
        Array.from({ length: 12 }, () => newEvent()),
        'no_stream',
      );
      const page = await store.readStream(id, { fromRevision: 8, maxCount: 3 });
      expect(page.map((e) => e.revision)).toEqual([8, 9, 10]);
      expect((await store.readStream(id)).map((e) => e.revision)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    });

    it('chains each stream with hashes, and verifies a clean store', async () => {
      const id = stream();
      await store.append(id, [newEvent(), newEvent()], 'no_stream');
      await store.append(id, [newEvent()], 1);
      const events = await store.readStream(id);
      expect(new Set(events.map((e) => e.hash)).size).toBe(3);
      events.forEach((e) => expect(e.hash).toMatch(/^[0-9a-f]{64}$/));
      const report = await store.verify();
      expect(report.ok).toBe(true);
      expect(report.eventsChecked).toBeGreaterThanOrEqual(3);
      // One service's streams only: exactly this stream's events.
      expect(await store.verify({ streamPrefix: id })).toMatchObject({
        ok: true,
        streamsChecked: 1,
        eventsChecked: 3,
        broken: [],
      });
    });

    it('catch-up subscription delivers every event once and resumes from its durable checkpoint', async () => {
      const id = stream();
      const name = `sub-${randomUUID()}`;
      await store.append(id, [newEvent(), newEvent(), newEvent()], 'no_stream');
      const seen: string[] = [];
      const mine = (events: RecordedEvent[]) => events.filter((e) => e.streamId === id).map((e) => e.eventId);
      const waitFor = async (count: number) => {
        for (let i = 0; i < 500 && seen.length < count; i++) await new Promise((r) => setTimeout(r, 10));
      };
      let sub = catchUp(store, {
        name,
        checkpoints: fixture.checkpoints,
        batchSize: 2,
        idleDelayMs: 10,
        handle: async (events) => void seen.push(...mine(events)),
      });
      await waitFor(3);
      await sub.stop();
      await store.append(id, [newEvent(), newEvent()], 2);
      sub = catchUp(store, {
        name,
        checkpoints: fixture.checkpoints,
        batchSize: 2,
        idleDelayMs: 10,
        handle: async (events) => void seen.push(...mine(events)),
      });
      await waitFor(5);
      await sub.stop();
      expect(seen).toEqual((await store.readStream(id)).map((e) => e.eventId));
    });
    it('wakes a caught-up subscription at an append instead of waiting out its polling delay', async () => {
      const id = stream();
      const seen: string[] = [];
      // Polling once a minute: only the store's word can deliver within the ten seconds waited below.
      const sub = catchUp(store, {
        name: `sub-${randomUUID()}`,
        checkpoints: fixture.checkpoints,
        idleDelayMs: 60_000,
        handle: async (events) => void seen.push(...events.filter((e) => e.streamId === id).map((e) => e.eventId)),
      });
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const event = newEvent();
        await store.append(id, [event], 'no_stream');
        for (let i = 0; i < 1_000 && seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(seen).toEqual([event.eventId]);
      } finally {
        await sub.stop();
      }
    });

    describe('consistency boundaries (tags)', () => {
      const tagged = (...tags: string[]): NewEvent => ({ ...newEvent('test.tagged'), tags });
      const on = (after: number, ...tags: string[]) => ({ after, tags });

      it('keeps the tags, hashed with the event, and conflicts only with newer events that share one', async () => {
        const id = stream();
        await store.append(id, [tagged('envelope:a')], on(-1, 'envelope:a'));
        await store.append(id, [tagged('commitment:x', 'envelope:b'), newEvent()], 'any');
        const read = await store.readStream(id);
        expect(read.map((e) => e.tags)).toEqual([['envelope:a'], ['commitment:x', 'envelope:b'], undefined]);
        // Decided at revision 0: what came since concerns envelope:b, not envelope:a.
        await store.append(id, [tagged('envelope:a')], on(0, 'envelope:a'));
        const refused = store.append(id, [tagged('envelope:b')], on(0, 'envelope:b', 'condition:k'));
        await expect(refused).rejects.toBeInstanceOf(TagConflictError);
        await expect(refused).rejects.toMatchObject({ conflicting: { revision: 1, tag: 'envelope:b' } });
        await expect(refused).rejects.toThrow('envelope:b');
        // A decision ahead of the stream is no decision on it.
        await expect(store.append(id, [tagged('envelope:c')], on(9, 'envelope:c'))).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        await expect(store.append(id, [tagged('envelope:b')], on(3, 'envelope:b'))).resolves.toMatchObject({
          revision: 4,
        });
        expect((await store.readStream(id)).length).toBe(5);
        // Tags are in the chain: the store still verifies.
        expect(await store.verify({ streamPrefix: id })).toMatchObject({ ok: true, eventsChecked: 5 });
      });

      it('lets writers on disjoint tags through together, each at its first try, and the global log sees each event once, in order', async () => {
        const id = stream();
        await store.append(id, [tagged('contract:cvl')], 'no_stream');
        const writers = 16;
        const rounds = 4;
        const failures: unknown[] = [];
        await Promise.all(
          Array.from({ length: writers }, async (_, writer) => {
            for (let round = 0; round < rounds; round++) {
              // Every writer decided on revision 0: the stream moved on under all of them, on other commitments.
              await store
                .append(
                  id,
                  [tagged(`commitment:${writer}-${round}`, `writer:${writer}`)],
                  on(0, `commitment:${writer}-${round}`),
                )
                .catch((error: unknown) => failures.push(error));
            }
          }),
        );
        expect(failures).toEqual([]);
        const events = await store.readStream(id);
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 1 + writers * rounds }, (_, i) => i));
        const logged = (await readAllFrom(store, START, 9)).filter((e) => e.streamId === id);
        expect(logged.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        for (let i = 1; i < logged.length; i++)
          expect(compareCheckpoints(logged[i - 1].checkpoint, logged[i].checkpoint)).toBeLessThan(0);
      });

      it('never lets N writers on one envelope draw past its cap', async () => {
        const id = stream();
        const cap = 7;
        await store.append(id, [tagged('envelope:e')], 'no_stream');
        // Each writer reads the envelope, draws one if it has room, and decides again when another drew first.
        const draw = async (writer: number): Promise<boolean> => {
          for (let attempt = 0; attempt < 200; attempt++) {
            const events = await store.readStream(id);
            const drawn = events.filter((e) => e.type === 'test.drawn').length;
            if (drawn >= cap) return false;
            try {
              await store.append(
                id,
                [{ ...tagged('envelope:e', `commitment:${writer}`), type: 'test.drawn' }],
                on(events.length - 1, 'envelope:e'),
              );
              return true;
            } catch (error) {
              if (!(error instanceof TagConflictError)) throw error;
            }
          }
          throw new Error('bounded: 200 attempts');
        };
        const outcomes = await Promise.all(Array.from({ length: 20 }, (_, writer) => draw(writer)));
        expect(outcomes.filter(Boolean).length).toBe(cap);
        expect((await store.readStream(id)).filter((e) => e.type === 'test.drawn').length).toBe(cap);
      });

      it('stays writable past 10 000 events, on a condition taken at the end', async () => {
        const id = stream();
        await store.append(
          id,
          Array.from({ length: MAX_APPEND_EVENTS }, (_, i) => ({ ...newEvent(), tags: [`commitment:${i}`] })),
          'no_stream',
        );
        await store.append(id, [tagged('commitment:0')], on(MAX_APPEND_EVENTS - 1, 'commitment:0'));
        await expect(
          store.append(id, [tagged('commitment:1')], on(MAX_APPEND_EVENTS - 1, 'commitment:0', 'commitment:1')),
        ).rejects.toBeInstanceOf(TagConflictError);
        await expect(
          store.append(id, [tagged('commitment:1')], on(MAX_APPEND_EVENTS, 'commitment:1')),
        ).resolves.toMatchObject({ revision: MAX_APPEND_EVENTS + 1 });
        expect(await store.streamRevision(id)).toBe(MAX_APPEND_EVENTS + 1);
      }, 120_000);
    });
  });
}
