import { Inject, Injectable, Optional } from '@nestjs/common';
import { MAX_APPEND_EVENTS, TagConflictError, type AppendResult, type EventStore, type ExpectedRevision, type JsonObject, type NewEvent, type RecordedEvent } from '@cvl/event-store';
import { commandEventId, EVENT_STORE, eventMetadata, refusalAsProblem, retryOnConflict, runInContext, type RequestContext } from '@cvl/platform';
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
  events: NewEvent[];
  after: number;
  tags: Set<string>;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
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

  private catchUp(): Promise<void> {
    // Chained so that catch-ups never overlap; a failed one (the database away) must not fail every later one:
    // the next starts afresh from the last event folded.
    this.catchingUp = this.catchingUp.catch(() => undefined).then(async () => {
      // Read once: from then on this process projects everything it folds (rows another process wrote stay).
      this.projectedTo ??= this.projection ? await this.projection.revision() : Number.MAX_SAFE_INTEGER;
      const projectedTo = this.projectedTo;
      for (;;) {
        const page = await this.store.readStream(LEDGER_STREAM, { fromRevision: this.revision + 1, maxCount: PAGE });
        // Folded aside, and kept only once the page is projected: a projection that failed is tried again.
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
        if (page.length < PAGE) {
          this.started = true;
          return;
        }
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
      await this.catchUp();
      return { results, recorded: result.events };
    });
  }

  /**
   * Runs a decision. `guard` sees the state first (e.g. an If-Match on a commitment's version). A refusal becomes a
   * problem answer and writes nothing.
   *
   * Decided on the state in memory, without reading the log first: this process's own appends keep it current,
   * and the tag condition refuses the append if another process changed what the decision concerns (then it is
   * decided again, caught up). What the tags do not cover is a refusal or a failed guard taken on a state behind
   * another process's writes (a funder it has just recorded): then the ledger catches up and decides once more.
   */
  async execute(decide: Decision, guard?: (state: CommitmentsState) => void): Promise<Executed> {
    let attempts = 0;
    return retryOnConflict(LEDGER_STREAM, MAX_ATTEMPTS, async () => {
      // A process that never read its ledger reads it first; after a lost race, what it lost on.
      if (attempts++ > 0 || !this.started) await this.catchUp();
      const attempt = () => this.decideOnce(decide, guard);
      let decided: ReturnType<typeof attempt>;
      try {
        decided = attempt();
      } catch (error) {
        const seen = this.revision;
        await this.catchUp();
        if (this.revision === seen) throw error;
        decided = attempt();
      }
      if ('replayed' in decided) return decided;
      if (decided.events.length === 0) return { recorded: [], state: this.state, revision: this.revision, replayed: false };
      const result = await this.commit(decided.events, this.revision);
      await this.catchUp();
      return { recorded: result.events, state: this.state, revision: this.revision, replayed: result.idempotentReplay };
    });
  }

  /**
   * Group commit: commands decided while an append is on its way wait, and go together in the next append — those
   * whose tags do not overlap (two decisions on one envelope, taken on the same state, must not pass together),
   * up to MAX_APPEND_EVENTS. The group appends on the union of its tags, after the oldest state among them. A
   * group refused for a tag conflict fails each of its commands, which decide again; any other failure of a group
   * sends its commands one by one, so each gets its own answer (a retried command finds its first result).
   */
  private commit(events: NewEvent[], after: number): Promise<AppendResult> {
    const tags = new Set(events.flatMap((event) => event.tags ?? []));
    if (tags.size === 0) return this.store.append(LEDGER_STREAM, events, after);
    return new Promise<AppendResult>((resolve, reject) => {
      this.waiting.push({ events, after, tags, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const group: Waiting[] = [];
        const tags = new Set<string>();
        let size = 0;
        for (const item of this.waiting) {
          if (size + item.events.length > MAX_APPEND_EVENTS || [...item.tags].some((tag) => tags.has(tag))) continue;
          group.push(item);
          item.tags.forEach((tag) => tags.add(tag));
          size += item.events.length;
        }
        this.waiting.splice(0, this.waiting.length, ...this.waiting.filter((item) => !group.includes(item)));
        await this.appendGroup(group, tags);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async appendGroup(group: Waiting[], tags: Set<string>): Promise<void> {
    const own = (item: Waiting, result: AppendResult): AppendResult => {
      const ids = new Set(item.events.map((event) => event.eventId));
      const events = result.events.filter((event) => ids.has(event.eventId));
      return { ...result, revision: events[events.length - 1]?.revision ?? result.revision, events };
    };
    try {
      const after = Math.min(...group.map((item) => item.after));
      const result = await this.store.append(LEDGER_STREAM, group.flatMap((item) => item.events), { after, tags: [...tags] });
      for (const item of group) item.resolve(own(item, result));
    } catch (error) {
      if (group.length === 1 || error instanceof TagConflictError) {
        for (const item of group) item.reject(error);
        return;
      }
      for (const item of group) {
        await this.store.append(LEDGER_STREAM, item.events, { after: item.after, tags: [...item.tags] }).then(item.resolve, item.reject);
      }
    }
  }

  /** The command's events on the state in memory, or what it recorded before (same command key); throws a refusal. */
  private decideOnce(decide: Decision, guard?: (state: CommitmentsState) => void): Executed | { events: NewEvent[] } {
    const firstId = commandEventId(0);
    const recorded = this.byCommand.get(firstId);
    if (recorded) return { recorded, state: this.state, revision: this.revision, replayed: true };
    guard?.(this.state);
    const decided = decide(this.state, { eventId: firstId, recordedAt: new Date().toISOString() });
    if (isRefusal(decided)) throw refusalAsProblem(decided);
    return { events: toNewEvents(decided, firstId) };
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
