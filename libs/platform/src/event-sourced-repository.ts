import { NotFoundException } from '@nestjs/common';
import {
  MAX_READ_COUNT,
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '@cvl/event-store';
import { isRefusal, type Refusal, type RefusalKind } from '@cvl/refusal';
import { toDecimalString } from '@cvl/money';
import { commandEventId, eventMetadata } from './context/request-context';
import { DomainRefusal } from './problem/problem';
import type { AggregateWriter, Decided } from './cqrs/use-case';

/** The one place a refusal's kind becomes an HTTP answer. */
const REFUSAL_ANSWERS: Record<RefusalKind, { status: 404 | 409 | 422; title: string }> = {
  unknown: { status: 404, title: 'Introuvable' },
  conflict: { status: 409, title: 'Conflit' },
  rule: { status: 422, title: 'Demande refusée' },
};

/** A decider's refusal as the API's problem+json: its kind's status, the field to correct, the excess in euros. */
export function refusalAsProblem(refusal: Refusal): DomainRefusal {
  const answer = REFUSAL_ANSWERS[refusal.kind];
  return new DomainRefusal(
    refusal.code,
    answer.title,
    refusal.message,
    answer.status,
    refusal.field ? [{ field: refusal.field, message: refusal.message }] : [],
    refusal.excessCents !== undefined ? { excess: toDecimalString(refusal.excessCents) } : {},
  );
}

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

  /** The one load-decide-append loop of the aggregates (DecisionWriter): see the class's comment. */
  async write(
    id: string,
    decide: (state: S | undefined) => E[] | Refusal,
    guard?: (state: S | undefined) => void,
  ): Promise<Decided<S>> {
    return retryOnConflict(this.aggregate.streamOf(id), EventSourcedRepository.MAX_ATTEMPTS, async () => {
      const { state, revision, events } = await this.load(id);
      const firstId = commandEventId(0);
      if (events.some((e) => e.eventId === firstId))
        return { state, recorded: events.filter((e) => e.eventId === firstId), replayed: true };
      guard?.(state);
      const decided = decide(state);
      if (isRefusal(decided)) throw refusalAsProblem(decided);
      if (decided.length === 0) return { state, recorded: [], replayed: false };
      const result = await this.store.append(
        this.aggregate.streamOf(id),
        decided.map((event, index) => ({
          eventId: commandEventId(index),
          type: event.type,
          schemaVersion: this.aggregate.schemaVersion,
          data: event.data as unknown as JsonObject,
          metadata: eventMetadata(),
        })),
        revision === -1 ? 'no_stream' : revision,
      );
      let next = state;
      for (const event of decided) next = this.aggregate.evolve(next, event);
      return { state: next, recorded: result.events, replayed: result.idempotentReplay };
    });
  }
}

/**
 * Other writers kept getting there first, so often that the server gave up deciding again: not the client's doing
 * (it sent no If-Match, or its If-Match held), so never a 409 that blames it — a 503 to retry, with Retry-After.
 */
export class ContentionError extends Error {
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`Trop d’écritures simultanées sur ${streamId} : ${attempts} essais, tous devancés`);
    this.name = 'ContentionError';
  }
}

/** Between two tries after losing a race: a few milliseconds, growing, with jitter so the losers do not collide again. */
export function contentionDelayMs(attempt: number): number {
  return Math.floor(Math.random() * Math.min(5 * 2 ** attempt, 200));
}

function contentionPause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, contentionDelayMs(attempt)));
}

/**
 * Runs `attempt` (read, decide, append with the revision read) again each time another writer appended to
 * `streamId` first, after a short pause, `maxAttempts` times at most; then a ContentionError. Every other error
 * goes through — a stale If-Match among them: its conflict names the resource, not the stream, and is the client's.
 */
export async function retryOnConflict<T>(streamId: string, maxAttempts: number, attempt: () => Promise<T>): Promise<T> {
  for (let tried = 0; tried < maxAttempts; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || error.streamId !== streamId) throw error;
      await contentionPause(tried);
    }
  }
  throw new ContentionError(streamId, maxAttempts);
}
