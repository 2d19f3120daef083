import type { AppendResult, EventStore, ExpectedRevision, NewEvent } from '@cvl/event-store';
import { WrongExpectedRevisionError } from '@cvl/event-store';

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
export async function retryOnConflict<T>(
  streamId: string,
  maxAttempts: number,
  attempt: (tried: number) => Promise<T>,
): Promise<T> {
  for (let tried = 0; tried < maxAttempts; tried++) {
    try {
      return await attempt(tried);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || error.streamId !== streamId) throw error;
      await contentionPause(tried);
    }
  }
  throw new ContentionError(streamId, maxAttempts);
}

/** What one round of deciding leaves: the events to append after what it read (none: nothing to write), and how. */
export interface DecisionRound<A> {
  events: readonly NewEvent[];
  /** The position (or the tags' boundary) the decision was taken on: the append holds only if nothing moved since. */
  expected: ExpectedRevision;
  /** The answer, given what the store recorded (undefined when there was nothing to append). */
  answer: (appended: AppendResult | undefined) => A;
}

/**
 * The one load-decide-append loop of the suite. `round` reads the state as stored (by pages, or caught up) and
 * decides on it — one command (an aggregate's repository), a group of commands (the ledger's group commit) or a
 * batch (an import) —, then its events are appended after what it read. Another writer got there first: the round
 * again, on a fresh read, after a short pause, `maxAttempts` times at most (then a ContentionError, a 503). A
 * refusal thrown by the round, or any other failure, ends the loop: nothing was written.
 */
export function decideAndAppend<A>(
  store: EventStore,
  streamId: string,
  maxAttempts: number,
  round: (attempt: number) => Promise<DecisionRound<A>>,
): Promise<A> {
  return retryOnConflict(streamId, maxAttempts, async (attempt) => {
    const decided = await round(attempt);
    if (decided.events.length === 0) return decided.answer(undefined);
    return decided.answer(await store.append(streamId, decided.events, decided.expected));
  });
}
