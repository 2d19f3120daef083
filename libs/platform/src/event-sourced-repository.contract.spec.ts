import { randomUUID } from 'node:crypto';
import { openSqlEventStore, type OpenedEventStore } from '@cvl/event-store';
import { EventSourcedRepository } from './event-sourced-repository';
import { runInContext } from './context/request-context';
import { AggregateCommand, AggregateCommandHandler } from './cqrs/use-case';

type Counted = { type: 'test.counted'; data: { n: number } };

/** A use case that exists only here, through the one handler base every service's commands use. */
class Add extends AggregateCommand<'add', { n: number }, number> {
  readonly type = 'add';
}
class AddHandler extends AggregateCommandHandler<Add, number, Counted> {
  protected readonly decide = (payload: { n: number }) => [{ type: 'test.counted' as const, data: payload }];
  constructor(protected readonly writer: EventSourcedRepository<number, Counted>) {
    super();
  }
}

describe('an aggregate longer than one read (PGlite)', () => {
  let opened: OpenedEventStore;
  beforeAll(async () => {
    opened = await openSqlEventStore({});
  });
  afterAll(() => opened.store.close());

  it('loads all of a 10 005-event stream and takes the next command at the right revision', async () => {
    const repository = new EventSourcedRepository<number, Counted>(opened.store, {
      streamOf: (id) => `counter-${id}`,
      evolve: (state, event) => (state ?? 0) + event.data.n,
      schemaVersion: 1,
      notFound: (id) => `compteur ${id} inconnu`,
    });
    const id = randomUUID();
    for (let written = 0; written < 10_005;) {
      const size = Math.min(5_000, 10_005 - written);
      await opened.store.append(
        `counter-${id}`,
        Array.from({ length: size }, () => ({
          eventId: randomUUID(),
          type: 'test.counted',
          schemaVersion: 1,
          data: { n: 1 },
        })),
        written === 0 ? 'no_stream' : written - 1,
      );
      written += size;
    }
    const loaded = await repository.load(id);
    expect({ state: loaded.state, revision: loaded.revision }).toEqual({ state: 10_005, revision: 10_004 });
    const executed = await runInContext({ correlationId: randomUUID() }, () =>
      repository.write(id, () => [{ type: 'test.counted', data: { n: 1 } }]),
    );
    expect(executed.state).toBe(10_006);
  }, 120_000);

  it('a handler answers with the state its command left — the same as a load — and 404 for an aggregate a command did not create', async () => {
    const repository = new EventSourcedRepository<number, Counted>(opened.store, {
      streamOf: (id) => `counter-${id}`,
      evolve: (state, event) => (state ?? 0) + event.data.n,
      schemaVersion: 1,
      notFound: (id) => `compteur ${id} inconnu`,
    });
    const id = randomUUID();
    const key = { correlationId: randomUUID(), commandKey: `executed:${id}` };
    const handler = new AddHandler(repository);
    const add = (target: string, n: number) => handler.execute(new Add(target, { n }));
    expect(await runInContext(key, () => add(id, 3))).toBe(3);
    expect(await runInContext({ correlationId: randomUUID() }, () => add(id, 4))).toBe(7);
    expect((await repository.load(id)).state).toBe(7);
    // The first command again (same key): nothing decided, the state as it is now.
    expect(await runInContext(key, () => add(id, 3))).toBe(7);
    const nothing = new (class extends AddHandler {
      protected override readonly decide = () => [];
    })(repository);
    await expect(
      runInContext({ correlationId: randomUUID() }, () => nothing.execute(new Add(randomUUID(), { n: 1 }))),
    ).rejects.toThrow(/inconnu/);
  });
});
