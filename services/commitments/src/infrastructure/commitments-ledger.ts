import { Inject, Injectable, Optional } from '@nestjs/common';
import { WrongExpectedRevisionError, type AppendResult, type EventStore, type ExpectedRevision, type JsonObject, type NewEvent, type RecordedEvent } from '@cvl/event-store';
import { commandEventId, ContentionError, contentionDelayMs, currentContext, EVENT_STORE, eventMetadata, refusalAsProblem, retryOnConflict, runInContext, type RequestContext } from '@cvl/platform';
import type { DecisionContext } from '../domain/booking';
import { SCHEMA_VERSION, type CommitmentsEvent } from '../domain/events';
import { evolve } from '../domain/evolve';
import { tagsOf } from '../domain/consistency';
import { isRefusal, type Refusal } from '@cvl/ledger';
import { initialState, type CommitmentsState } from '../domain/state';
import { upcast } from './upcasters';
import { LedgerProjection } from './ledger-projection';
import { project, type Projected } from '../queries/ledger-movements';

/**
 * The ledger of record is one stream (one hash chain, one order for its readers), but not one consistency
 * boundary: each decision appends on the condition that nothing it concerns changed since the state it decided on
 * (its events' tags, domain/consistency.ts). Commands on different commitments and envelopes never conflict.
 */
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

interface Waiting {
  decide: Decision;
  guard?: (state: CommitmentsState) => void;
  /** The request it comes from: its command key names its events, its principal is their actor. */
  context?: RequestContext;
  attempts: number;
  /** Failed in a group for a reason of its own (not a lost race): tried alone, for its own answer. */
  alone: boolean;
  resolve: (executed: Executed) => void;
  reject: (error: unknown) => void;
}

/** At most this many commands decided and appended together (each appends a few events: far below MAX_APPEND_EVENTS). */
const MAX_GROUP = 256;

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
 * Loads the ledger's state from its stream (kept in memory, caught up when the stream has moved), decides, and
 * appends on the condition that nothing the decision concerns changed meanwhile — deciding again on a fresh state
 * when another writer touched it first. As it folds new events it projects them (LedgerProjection), so that every
 * query is answered in SQL, not by replaying events.
 */
@Injectable()
export class CommitmentsLedger {
  private state: CommitmentsState = initialState();
  private revision = -1;
  /** Each command's events, under its first event's id (its command key names it): a retried command finds them. */
  private readonly byCommand = new Map<string, RecordedEvent[]>();
  private catchingUp: Promise<void> = Promise.resolve();
  /** Commands decided, waiting for the append on its way to finish (group commit); bounded by the callers in flight. */
  private readonly waiting: Waiting[] = [];
  private flushing = false;
  /** Set once a catch-up has completed: the state in memory is the ledger's, if perhaps behind. */
  private started = false;
  /** How far the projection went when this process started folding. */
  private projectedTo?: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() private readonly projection?: LedgerProjection,
  ) {}

  /**
   * The current state, after folding what the stream gained since (nothing is read from the log when the stream's
   * revision shows it has not moved): the projection is then as far as the stream too.
   */
  async current(): Promise<{ state: CommitmentsState; revision: number }> {
    if ((await this.store.streamRevision(LEDGER_STREAM)) > this.revision) await this.catchUp();
    return { state: this.state, revision: this.revision };
  }

  /**
   * Folds what the stream gained since this process last folded, page by page. Given the events an append of this
   * process just stored, and nothing was stored in between, they are the next page: folded without reading the log
   * again (what another process stored later is read when a command or a query needs it).
   */
  private catchUp(appended?: readonly RecordedEvent[]): Promise<void> {
    // Chained so that catch-ups never overlap; a failed one (the database away) must not fail every later one:
    // the next starts afresh from the last event folded.
    this.catchingUp = this.catchingUp.catch(() => undefined).then(async () => {
      // Read once: from then on this process projects everything it folds (rows another process wrote stay).
      this.projectedTo ??= this.projection ? await this.projection.revision() : Number.MAX_SAFE_INTEGER;
      if (this.started && appended && appended.length > 0 && appended.length < PAGE && appended[0].revision === this.revision + 1) {
        await this.fold(appended);
        return;
      }
      for (;;) {
        const page = await this.store.readStream(LEDGER_STREAM, { fromRevision: this.revision + 1, maxCount: PAGE });
        await this.fold(page);
        if (page.length < PAGE) {
          this.started = true;
          return;
        }
      }
    });
    return this.catchingUp;
  }

  /** One page of the stream, next after the last folded: folded aside, and kept only once projected (a projection that failed is tried again). */
  private async fold(page: readonly RecordedEvent[]): Promise<void> {
    const projectedTo = this.projectedTo ?? Number.MAX_SAFE_INTEGER;
    let state = this.state;
    const projected: Projected[] = [];
    for (const event of page) {
      const before = state;
      const domainEvent = upcast(event);
      state = evolve(state, domainEvent);
      if (event.revision > projectedTo) projected.push(project(before, state, domainEvent, event));
    }
    if (this.projection && projected.length > 0) await this.projection.write(projected, page[page.length - 1].revision);
    this.state = state;
    for (const event of page) {
      this.revision = event.revision;
      const command = typeof event.metadata.commandEventId === 'string' ? event.metadata.commandEventId : event.eventId;
      const events = this.byCommand.get(command);
      if (events) events.push(event);
      else this.byCommand.set(command, [event]);
    }
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
          const already = this.byCommand.get(firstId)?.[0];
          if (already) {
            results.push({ appended: 0, already });
            return;
          }
          const decided = command.decide(state, { eventId: firstId, recordedAt: new Date().toISOString() });
          if (isRefusal(decided)) throw new BatchRefusal(index, refusalAsProblem(decided));
          for (const event of decided) state = evolve(state, event);
          events.push(...toNewEvents(decided, firstId, command.metadata));
          results.push({ appended: decided.length });
        });
        onDecided(index);
      });
      check(results);
      if (events.length === 0) return { results, recorded: [] };
      const result = await this.store.append(LEDGER_STREAM, events, boundaryOf(events, this.revision));
      await this.catchUp(result.events);
      return { results, recorded: result.events };
    });
  }

  /**
   * Runs a decision. `guard` sees the state first (e.g. an If-Match on a commitment's version). A refusal becomes a
   * problem answer and writes nothing.
   *
   * Group commit: decisions arriving while an append is on its way wait, then are decided one after the other,
   * each on the state the previous ones left, and appended together — so commands of this process on one envelope
   * never race each other, and unrelated ones share one append. The group appends on the union of its tags, after
   * the state it was decided on (the ledger in memory: this process's appends keep it current, so the log is read
   * only when another process may have written): if another process changed what the group concerns, the group
   * is decided again, caught up (bounded: then a ContentionError, 503). A refusal or a failed guard taken on a
   * state not read from the log just now is decided once more after catching up (a funder another process has
   * just recorded); a group that fails otherwise sends its commands alone, so each gets its own answer.
   */
  execute(decide: Decision, guard?: (state: CommitmentsState) => void): Promise<Executed> {
    return new Promise<Executed>((resolve, reject) => {
      this.waiting.push({ decide, guard, context: currentContext(), attempts: 0, alone: false, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const alone = this.waiting.findIndex((item) => item.alone);
        const group = alone >= 0 ? this.waiting.splice(alone, 1) : this.waiting.splice(0, MAX_GROUP);
        await this.runGroup(group);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async runGroup(group: Waiting[]): Promise<void> {
    try {
      // Read the log first when this process never has, or when a member lost a race or was refused on a state
      // that may be behind.
      const freshlyRead = !this.started || group.some((item) => item.attempts > 0);
      if (freshlyRead) await this.catchUp();
      const revision = this.revision;
      let state = this.state;
      const decided: Array<{ item: Waiting; events: NewEvent[] }> = [];
      for (const item of group) {
        const within = <T>(work: () => T): T => (item.context ? runInContext(item.context, work) : work());
        try {
          within(() => {
            const firstId = commandEventId(0);
            const recorded = this.byCommand.get(firstId);
            if (recorded) {
              item.resolve({ recorded, state: this.state, revision: this.revision, replayed: true });
              return;
            }
            item.guard?.(state);
            const events = item.decide(state, { eventId: firstId, recordedAt: new Date().toISOString() });
            if (isRefusal(events)) throw refusalAsProblem(events);
            for (const event of events) state = evolve(state, event);
            decided.push({ item, events: toNewEvents(events, firstId) });
          });
        } catch (error) {
          if (freshlyRead || item.attempts > 0) item.reject(error);
          else this.again(item);
        }
      }
      const events = decided.flatMap((d) => d.events);
      if (events.length === 0) {
        for (const { item } of decided) item.resolve({ recorded: [], state: this.state, revision: this.revision, replayed: false });
        return;
      }
      let result: AppendResult;
      try {
        result = await this.store.append(LEDGER_STREAM, events, boundaryOf(events, revision));
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && error.streamId === LEDGER_STREAM) {
          for (const { item } of decided) this.again(item);
        } else if (decided.length > 1) {
          for (const { item } of decided) this.waiting.push({ ...item, alone: true });
        } else {
          decided[0].item.reject(error);
        }
        return;
      }
      await this.catchUp(result.events);
      for (const { item, events: own } of decided) {
        const ids = new Set(own.map((event) => event.eventId));
        item.resolve({ recorded: result.events.filter((event) => ids.has(event.eventId)), state: this.state, revision: this.revision, replayed: result.idempotentReplay });
      }
    } catch (error) {
      // The log could not be read (the database away): every member of the group gets the failure.
      for (const item of group) item.reject(error);
    }
  }

  /** Back in line for another try, caught up first, after a short pause; bounded. */
  private again(item: Waiting): void {
    if (item.attempts + 1 >= MAX_ATTEMPTS) {
      item.reject(new ContentionError(LEDGER_STREAM, MAX_ATTEMPTS));
      return;
    }
    const retry = { ...item, attempts: item.attempts + 1, alone: false };
    setTimeout(() => {
      this.waiting.push(retry);
      if (!this.flushing) void this.flush();
    }, contentionDelayMs(item.attempts));
  }
}

/** A command's events as the store takes them: named after the command, tagged with what they concern. */
function toNewEvents(decided: readonly CommitmentsEvent[], firstId: string, firstMetadata?: JsonObject): NewEvent[] {
  return decided.map((event, position) => ({
    eventId: commandEventId(position),
    type: event.type,
    schemaVersion: SCHEMA_VERSION,
    data: event.data as unknown as JsonObject,
    metadata: { ...eventMetadata({ commandEventId: firstId }), ...(position === 0 && firstMetadata ? firstMetadata : {}) },
    tags: tagsOf(event),
  }));
}

/** The decision holds if nothing its events concern was written after `revision`, the state it was taken on. */
function boundaryOf(events: readonly NewEvent[], revision: number): ExpectedRevision {
  const tags = [...new Set(events.flatMap((event) => event.tags ?? []))];
  return tags.length > 0 ? { after: revision, tags } : revision;
}
