import { NotFoundException } from '@nestjs/common';
import { MAX_READ_COUNT, type EventStore, type JsonObject, type RecordedEvent } from '@cvl/event-store';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { commandEventId, eventMetadata } from './context/request-context';
import { refusalAsProblem } from './problem/refusal-problem';
import type { AggregateWriter, Decided } from './cqrs/use-case';
import { decideAndAppend } from './cqrs/decision-loop';

/** Bounds a load: 100 pages of 10 000 events (an aggregate that long wants a snapshot, not a longer read). */
const MAX_STREAM_PAGES = 100;

export interface AggregateType<S, E extends { type: string; data: object }> {
  streamOf: (id: string) => string;
  evolve: (state: S | undefined, event: E) => S;
  schemaVersion: number;
  notFound: (id: string) => string;
}

/**
 * An aggregate kept as one stream: load folds its events; write decides on the state as stored, appends with the
 * stream's revision (deciding again when another writer got there first, bounded), and names the events after the
 * command (Idempotency-Key or command key) so a retried command appends nothing.
 */
export class EventSourcedRepository<S, E extends { type: string; data: object }> implements AggregateWriter<S, E> {
  private static readonly MAX_ATTEMPTS = 10;

  constructor(
    private readonly store: EventStore,
    private readonly aggregate: AggregateType<S, E>,
  ) {}

  /**
   * Folds the whole stream, a page at a time: a stream longer than one read (10 000 events) was cut, its revision
   * wrong, and every later command on it failed as a version conflict (issue 13).
   */
  async load(id: string): Promise<{ state?: S; revision: number; events: RecordedEvent[] }> {
    const stream = this.aggregate.streamOf(id);
    const events: RecordedEvent[] = [];
    let state: S | undefined;
    for (let pages = 0; ; pages++) {
      if (pages >= MAX_STREAM_PAGES)
        throw new Error(
          `flux ${stream} : plus de ${MAX_STREAM_PAGES * MAX_READ_COUNT} événements, au-delà de ce qu’un agrégat peut relire`,
        );
      const page = await this.store.readStream(stream, {
        fromRevision: events.length === 0 ? 0 : events[events.length - 1].revision + 1,
        maxCount: MAX_READ_COUNT,
      });
      for (const event of page) {
        state = this.aggregate.evolve(state, { type: event.type, data: event.data } as unknown as E);
        events.push(event);
      }
      if (page.length < MAX_READ_COUNT) break;
    }
    return { state, revision: events.length === 0 ? -1 : events[events.length - 1].revision, events };
  }

  async get(id: string): Promise<S> {
    const { state } = await this.load(id);
    if (state === undefined) throw new NotFoundException(this.aggregate.notFound(id));
    return state;
  }

  notFound(id: string): string {
    return this.aggregate.notFound(id);
  }

  /** A command on one aggregate, through the suite's one loop (decideAndAppend): see the class's comment. */
  write(
    id: string,
    decide: (state: S | undefined) => E[] | Refusal,
    guard?: (state: S | undefined) => void,
  ): Promise<Decided<S>> {
    const stream = this.aggregate.streamOf(id);
    return decideAndAppend(this.store, stream, EventSourcedRepository.MAX_ATTEMPTS, async () => {
      const { state, revision, events } = await this.load(id);
      const firstId = commandEventId(0);
      const replayed = events.filter((e) => e.eventId === firstId);
      if (replayed.length > 0)
        return { events: [], expected: revision, answer: () => ({ state, recorded: replayed, replayed: true }) };
      guard?.(state);
      const decided = decide(state);
      if (isRefusal(decided)) throw refusalAsProblem(decided);
      return {
        events: decided.map((event, index) => ({
          eventId: commandEventId(index),
          type: event.type,
          schemaVersion: this.aggregate.schemaVersion,
          data: event.data as unknown as JsonObject,
          metadata: eventMetadata(),
        })),
        expected: revision === -1 ? 'no_stream' : revision,
        answer: (appended) => {
          let next = state;
          for (const event of decided) next = this.aggregate.evolve(next, event);
          return { state: next, recorded: appended?.events ?? [], replayed: appended?.idempotentReplay ?? false };
        },
      };
    });
  }
}
