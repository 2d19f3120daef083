import { Inject, Injectable } from '@nestjs/common';
import { type EventStore, type JsonObject, type NewEvent, type RecordedEvent } from '@cvl/event-store';
import { commandEventId, EVENT_STORE, eventMetadata, refusalAsProblem, retryOnConflict, runInContext, type RequestContext } from '@cvl/platform';
import type { DecisionContext } from '../domain/booking';
import { SCHEMA_VERSION, type CommitmentsEvent } from '../domain/events';
import { evolve } from '../domain/evolve';
import { isRefusal, type Refusal } from '@cvl/ledger';
import { initialState, type CommitmentsState } from '../domain/state';
import { upcast } from './upcasters';

/** The ledger of record is one stream: envelopes, conditions and splits span commitments and must decide atomically. */
export const LEDGER_STREAM = 'commitments-ledger';
const PAGE = 1_000;
const MAX_ATTEMPTS = 10;

export interface Executed {
  /** The events as stored (empty when the command changed nothing). */
  recorded: RecordedEvent[];
  state: CommitmentsState;
  revision: number;
  /** True when this command had already been recorded (same Idempotency-Key): nothing was decided again. */
  replayed: boolean;
}

export type Decision = (state: CommitmentsState, context: DecisionContext) => CommitmentsEvent[] | Refusal;

/** One command of a batch: its own context (its command key names its event ids), its decision, what to keep beside it. */
export interface BatchCommand {
  context: RequestContext;
  decide: Decision;
  /** Kept in the metadata of its first event (an import keeps the row it came from). */
  metadata?: JsonObject;
}

export interface BatchOutcome {
  /** Per command, in order: the events it appended, or the first event it had recorded before (already there). */
  results: Array<{ appended: number; already?: RecordedEvent }>;
  recorded: RecordedEvent[];
}

/** A command of a batch refused: which one, and why; nothing of the batch was written. */
export class BatchRefusal extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super((cause as Error).message);
    this.name = 'BatchRefusal';
  }
}


/**
 * Loads the ledger's state from its stream (kept in memory, caught up before every use), decides, and appends with
 * optimistic concurrency — deciding again on a fresh state when another writer got there first.
 */
@Injectable()
export class CommitmentsLedger {
  private state: CommitmentsState = initialState();
  private revision = -1;
  private readonly recorded: RecordedEvent[] = [];
  private readonly byEventId = new Map<string, RecordedEvent>();
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The current state and the events it was built from. */
  async current(): Promise<{ state: CommitmentsState; revision: number; events: readonly RecordedEvent[] }> {
    await this.catchUp();
    return { state: this.state, revision: this.revision, events: this.recorded };
  }

  private catchUp(): Promise<void> {
    // Chained so that catch-ups never overlap; a failed one (the database away) must not fail every later one:
    // the next starts afresh from the last event folded.
    this.catchingUp = this.catchingUp.catch(() => undefined).then(async () => {
      for (;;) {
        const page = await this.store.readStream(LEDGER_STREAM, { fromRevision: this.revision + 1, maxCount: PAGE });
        for (const event of page) {
          this.state = evolve(this.state, upcast(event));
          this.revision = event.revision;
          this.recorded.push(event);
          this.byEventId.set(event.eventId, event);
        }
        if (page.length < PAGE) return;
      }
    });
    return this.catchingUp;
  }

  /**
   * Runs commands as one: each decided on the state the previous ones left, then all their events appended at once
   * — every one of them, or none (a refusal, a conflict, a crash writes nothing). A command whose events are
   * already recorded (same command key) is passed over and reported, so running the batch again appends nothing.
   */
  async executeBatch(
    commands: readonly BatchCommand[],
    onDecided: (index: number) => void = () => undefined,
    /** Sees every command's result before anything is appended; throwing there writes nothing. */
    check: (results: BatchOutcome['results']) => void = () => undefined,
  ): Promise<BatchOutcome> {
    return retryOnConflict(LEDGER_STREAM, MAX_ATTEMPTS, async () => {
      await this.catchUp();
      let state = this.state;
      const events: NewEvent[] = [];
      const results: BatchOutcome['results'] = [];
      commands.forEach((command, index) => {
        runInContext(command.context, () => {
          const firstId = commandEventId(0);
          const already = this.byEventId.get(firstId);
          if (already) {
            results.push({ appended: 0, already });
            return;
          }
          const decided = command.decide(state, { eventId: firstId, recordedAt: new Date().toISOString() });
          if (isRefusal(decided)) throw new BatchRefusal(index, refusalAsProblem(decided));
          for (const event of decided) state = evolve(state, event);
          decided.forEach((event, position) =>
            events.push({
              eventId: commandEventId(position),
              type: event.type,
              schemaVersion: SCHEMA_VERSION,
              data: event.data as unknown as JsonObject,
              metadata: { ...eventMetadata({ commandEventId: firstId }), ...(position === 0 && command.metadata ? command.metadata : {}) },
            }),
          );
          results.push({ appended: decided.length });
        });
        onDecided(index);
      });
      check(results);
      if (events.length === 0) return { results, recorded: [] };
      const result = await this.store.append(LEDGER_STREAM, events, this.revision);
      await this.catchUp();
      return { results, recorded: result.events };
    });
  }

  /**
   * Runs a decision. `guard` sees the state first (e.g. an If-Match on a commitment's version). A refusal becomes a
   * problem answer and writes nothing.
   */
  async execute(decide: Decision, guard?: (state: CommitmentsState) => void): Promise<Executed> {
    return retryOnConflict(LEDGER_STREAM, MAX_ATTEMPTS, async () => {
      await this.catchUp();
      const firstId = commandEventId(0);
      const already = this.byEventId.get(firstId);
      if (already) {
        const recorded = this.recorded.filter((e) => e.eventId === firstId || e.metadata.commandEventId === firstId);
        return { recorded, state: this.state, revision: this.revision, replayed: true };
      }
      guard?.(this.state);
      const decided = decide(this.state, { eventId: firstId, recordedAt: new Date().toISOString() });
      if (isRefusal(decided)) throw refusalAsProblem(decided);
      if (decided.length === 0) return { recorded: [], state: this.state, revision: this.revision, replayed: false };
      const result = await this.store.append(
        LEDGER_STREAM,
        decided.map((event, index) => ({
          eventId: commandEventId(index),
          type: event.type,
          schemaVersion: SCHEMA_VERSION,
          data: event.data as unknown as Record<string, never>,
          metadata: eventMetadata({ commandEventId: firstId }),
        })),
        this.revision,
      );
      await this.catchUp();
      return { recorded: result.events, state: this.state, revision: this.revision, replayed: result.idempotentReplay };
    });
  }
}
