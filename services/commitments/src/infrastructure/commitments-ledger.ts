import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  EventIdConflictError,
  MAX_READ_COUNT,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
} from '@cvl/event-store';
import {
  commandEventId,
  ContentionError,
  contentionDelayMs,
  currentContext,
  EVENT_STORE,
  eventMetadata,
  refusalAsProblem,
  decideAndAppend,
  runInContext,
  type DecisionWriter,
  type RequestContext,
} from '@cvl/platform';
import type { DecisionContext } from '../domain/booking';
import { SCHEMA_VERSION, type CommitmentsEvent } from '../domain/events';
import { evolve } from '../domain/evolve';
import { tagsOf } from '../domain/consistency';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { initialState, type CommitmentsState } from '../domain/state';
import { upcast } from './upcasters';
import { LedgerProjection } from './ledger-projection';
import { LedgerSnapshots, type SnapshotRefusal } from './ledger-snapshots';
import { project, type Projected } from '../queries/ledger-movements';

/**
 * The ledger of record is one stream (one hash chain, one order for its readers), but not one consistency
 * boundary: each decision appends on the condition that nothing it concerns changed since the state it decided on
 * (its events' tags, domain/consistency.ts). Commands on different commitments and envelopes never conflict.
 */
export const LEDGER_STREAM = 'commitments-ledger';
const PAGE = 1_000;
const MAX_ATTEMPTS = 10;
/** Commands whose events stay in memory for a retry (the latest); an older one is found in the log by its first event's id. */
const MAX_REMEMBERED_COMMANDS = 20_000;
/** A command appends a few events; read this many from its first when looking it up in the log. */
const MAX_COMMAND_EVENTS = 1_000;
const SNAPSHOT_REFUSALS: Record<SnapshotRefusal, string> = {
  format: 'd’un autre format que celui de ce code',
  seal: 'son sceau ne vérifie pas avec la clé du journal (écrit par un autre que la suite, ou modifié)',
  unreadable: 'illisible',
};

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

/** One round of a group commit: each member's outcome on the state read, before anything is answered. */
interface GroupRound {
  /** The ledger's revision the round was decided on. */
  revision: number;
  freshlyRead: boolean;
  replayed: Array<{ item: Waiting; recorded: RecordedEvent[] }>;
  refused: Array<{ item: Waiting; error: unknown }>;
  unchanged: Waiting[];
  decided: Array<{ item: Waiting; events: NewEvent[] }>;
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
export class CommitmentsLedger implements DecisionWriter<void, CommitmentsState, CommitmentsEvent, DecisionContext> {
  private state: CommitmentsState = initialState();
  private revision = -1;
  /**
   * The latest commands' events, under their first event's id (their command key names it): a retried command
   * finds them. Bounded; when it does not hold every command (evicted, or started from a snapshot), a command it
   * does not know is looked up in the log before it is refused (commandsComplete false).
   */
  private readonly byCommand = new Map<string, RecordedEvent[]>();
  private commandsComplete = true;
  private lastHash = '';
  private foldedSinceSnapshot = 0;
  private snapshotting = false;
  private readonly logger = new Logger('CommitmentsLedger');
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
    @Optional() private readonly snapshots?: LedgerSnapshots,
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
    this.catchingUp = this.catchingUp
      .catch(() => undefined)
      .then(async () => {
        // Read once: from then on this process projects everything it folds (rows another process wrote stay).
        this.projectedTo ??= this.projection ? await this.projection.revision() : Number.MAX_SAFE_INTEGER;
        if (!this.started && this.revision === -1) await this.restoreSnapshot();
        if (
          this.started &&
          appended &&
          appended.length > 0 &&
          appended.length < PAGE &&
          appended[0].revision === this.revision + 1
        ) {
          await this.fold(appended);
          return;
        }
        for (;;) {
          const page = await this.store.readStream(LEDGER_STREAM, { fromRevision: this.revision + 1, maxCount: PAGE });
          await this.fold(page);
          if (page.length < PAGE) {
            this.started = true;
            this.snapshotIfDue();
            return;
          }
        }
      });
    return this.catchingUp;
  }

  /**
   * Starts from the latest snapshot when its seal holds, it is of this code's format, the log still has the event
   * it was taken at (same hash) and the projection went at least as far (what lies before it is not projected
   * again). Otherwise folds from the start, and says why.
   */
  private async restoreSnapshot(): Promise<void> {
    const seals = this.store.seals;
    if (!this.snapshots || !seals || !this.store.findEvents) return;
    try {
      const found = await this.snapshots.load(seals);
      if (found === undefined) return;
      if (typeof found === 'string') {
        this.logger.warn(
          `instantané du grand livre écarté, ${SNAPSHOT_REFUSALS[found]} : lecture du journal depuis son début`,
        );
        return;
      }
      if ((this.projectedTo ?? -1) < found.revision) return;
      const [at] = await this.store.readStream(LEDGER_STREAM, { fromRevision: found.revision, maxCount: 1 });
      if (!at || at.revision !== found.revision || at.hash !== found.eventHash) {
        this.logger.warn(
          `instantané du grand livre écarté : le journal n’a pas l’événement n° ${found.revision} qu’il scelle : lecture du journal depuis son début`,
        );
        return;
      }
      this.state = found.state;
      this.revision = found.revision;
      this.lastHash = found.eventHash;
      this.commandsComplete = false;
    } catch (error) {
      this.logger.warn(
        `instantané du grand livre illisible (${(error as Error).message}) : lecture du journal depuis son début`,
      );
    }
  }

  /** After enough events folded: the state as it is now, sealed, in the background (a failure only costs the next start-up). */
  private snapshotIfDue(): void {
    const seals = this.store.seals;
    if (
      !this.snapshots ||
      !seals ||
      this.snapshotting ||
      this.foldedSinceSnapshot < this.snapshots.everyEvents ||
      this.revision < 0
    )
      return;
    const snapshot = { revision: this.revision, eventHash: this.lastHash, state: this.state };
    const snapshots = this.snapshots;
    this.snapshotting = true;
    this.foldedSinceSnapshot = 0;
    setImmediate(() => {
      snapshots
        .save(seals, snapshot)
        .catch((error: unknown) =>
          this.logger.warn(`instantané du grand livre non enregistré : ${(error as Error).message}`),
        )
        .finally(() => (this.snapshotting = false));
    });
  }

  /** The first events of those commands that memory does not hold but the log does (an import run again after a restart). */
  private async recordedFirstEvents(firstIds: readonly string[]): Promise<Map<string, RecordedEvent>> {
    const found = new Map<string, RecordedEvent>();
    const findEvents = this.store.findEvents?.bind(this.store);
    if (this.commandsComplete || !findEvents) return found;
    const unknown = firstIds.filter((id) => !this.byCommand.has(id));
    for (let start = 0; start < unknown.length; start += MAX_READ_COUNT) {
      for (const event of await findEvents(unknown.slice(start, start + MAX_READ_COUNT)))
        if (event.streamId === LEDGER_STREAM) found.set(event.eventId, event);
    }
    return found;
  }

  /**
   * What a command recorded, by its first event's id: in memory, or — when memory does not hold every command — in
   * the log (its first event by id, then those that follow it with the same command id).
   */
  private async recordedCommand(firstId: string): Promise<RecordedEvent[] | undefined> {
    const remembered = this.byCommand.get(firstId);
    if (remembered) return remembered;
    const first = (await this.recordedFirstEvents([firstId])).get(firstId);
    if (!first) return undefined;
    const following = await this.store.readStream(LEDGER_STREAM, {
      fromRevision: first.revision,
      maxCount: MAX_COMMAND_EVENTS,
    });
    const own: RecordedEvent[] = [];
    for (const event of following) {
      if (event.eventId !== firstId && event.metadata.commandEventId !== firstId) break;
      own.push(event);
    }
    return own;
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
      this.lastHash = event.hash;
      const command = typeof event.metadata.commandEventId === 'string' ? event.metadata.commandEventId : event.eventId;
      const events = this.byCommand.get(command);
      if (events) events.push(event);
      else this.byCommand.set(command, [event]);
    }
    while (this.byCommand.size > MAX_REMEMBERED_COMMANDS) {
      this.byCommand.delete(this.byCommand.keys().next().value as string);
      this.commandsComplete = false;
    }
    this.foldedSinceSnapshot += page.length;
    if (this.started) this.snapshotIfDue();
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
    const outcome = await decideAndAppend(this.store, LEDGER_STREAM, MAX_ATTEMPTS, async () => {
      await this.catchUp();
      const earlier = await this.recordedFirstEvents(
        commands.map((command) => runInContext(command.context, () => commandEventId(0))),
      );
      let state = this.state;
      const events: NewEvent[] = [];
      const results: BatchOutcome['results'] = [];
      commands.forEach((command, index) => {
        runInContext(command.context, () => {
          const firstId = commandEventId(0);
          const already = this.byCommand.get(firstId)?.[0] ?? earlier.get(firstId);
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
      return {
        events,
        expected: boundaryOf(events, this.revision),
        answer: (appended) => ({ results, recorded: appended?.events ?? [] }),
      };
    });
    if (outcome.recorded.length > 0) await this.catchUp(outcome.recorded);
    return outcome;
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
  write(_key: void, decide: Decision, guard?: (state: CommitmentsState) => void): Promise<Executed> {
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
    let round: GroupRound | undefined;
    let appending = false;
    let appended: AppendResult | undefined;
    try {
      appended = await decideAndAppend(this.store, LEDGER_STREAM, MAX_ATTEMPTS, async (attempt) => {
        appending = false;
        // Read the log first when this process never has, when a member lost a race or was refused on a state
        // that may be behind, and on every round after a lost race.
        const freshlyRead = attempt > 0 || !this.started || group.some((item) => item.attempts > 0);
        if (freshlyRead) await this.catchUp();
        round = this.decideGroup(group, freshlyRead);
        const events = round.decided.flatMap((d) => d.events);
        appending = events.length > 0;
        return { events, expected: boundaryOf(events, round.revision), answer: (result) => result };
      });
    } catch (error) {
      if (!round || !appending) {
        // The log could not be read (the database away): every member of the group gets the failure.
        for (const item of group) item.reject(error);
        return;
      }
      this.settleUndecided(round);
      const { decided } = round;
      if (error instanceof ContentionError) for (const { item } of decided) item.reject(error);
      else if (decided.length > 1) for (const { item } of decided) this.waiting.push({ ...item, alone: true });
      // Its ids are taken: a retry of a command recorded before (decided differently now): answered as recorded.
      else if (error instanceof EventIdConflictError) void this.refusedOrReplayed(decided[0].item, { error }, true);
      else decided[0].item.reject(error);
      return;
    }
    if (!round) return;
    try {
      if (appended) await this.catchUp(appended.events);
    } catch (error) {
      // Appended, but the log could not be read back (the database away): the group gets the failure.
      for (const item of group) item.reject(error);
      return;
    }
    this.settleUndecided(round);
    for (const { item, events: own } of round.decided) {
      const ids = new Set(own.map((event) => event.eventId));
      item.resolve({
        recorded: appended ? appended.events.filter((event) => ids.has(event.eventId)) : [],
        state: this.state,
        revision: this.revision,
        replayed: appended?.idempotentReplay ?? false,
      });
    }
  }

  /**
   * Decides each member of a group on the state the members before it left, without answering any (a round lost to
   * another writer is decided again): recorded before, refused (or its guard failed), with nothing to do, or decided.
   */
  private decideGroup(group: readonly Waiting[], freshlyRead: boolean): GroupRound {
    let state = this.state;
    const round: GroupRound = {
      revision: this.revision,
      freshlyRead,
      replayed: [],
      refused: [],
      unchanged: [],
      decided: [],
    };
    for (const item of group) {
      try {
        inContextOf(item, () => {
          const firstId = commandEventId(0);
          const recorded = this.byCommand.get(firstId);
          if (recorded) {
            round.replayed.push({ item, recorded });
            return;
          }
          item.guard?.(state);
          const events = item.decide(state, { eventId: firstId, recordedAt: new Date().toISOString() });
          if (isRefusal(events)) throw refusalAsProblem(events);
          // Nothing to do may be a retry of a command recorded before this process knew every command.
          if (events.length === 0 && !this.commandsComplete) {
            round.unchanged.push(item);
            return;
          }
          for (const event of events) state = evolve(state, event);
          round.decided.push({ item, events: toNewEvents(events, firstId) });
        });
      } catch (error) {
        round.refused.push({ item, error });
      }
    }
    return round;
  }

  /**
   * Answers the members of the last round that appended nothing. A command refused (or whose guard failed) may be a
   * retry of one recorded before this process knew every command: then it is answered as recorded, not refused.
   */
  private settleUndecided(round: GroupRound): void {
    for (const { item, recorded } of round.replayed)
      item.resolve({ recorded, state: this.state, revision: this.revision, replayed: true });
    for (const { item, error } of round.refused) void this.refusedOrReplayed(item, { error }, round.freshlyRead);
    for (const item of round.unchanged) void this.refusedOrReplayed(item, { unchanged: true }, round.freshlyRead);
  }

  /**
   * A command refused, or with nothing to do, looked up in the log by its first event's id when memory does not
   * hold every command: recorded before, it is answered as recorded (replayed); otherwise as decided.
   */
  private async refusedOrReplayed(
    item: Waiting,
    outcome: { error: unknown } | { unchanged: true },
    freshlyRead: boolean,
  ): Promise<void> {
    try {
      const recorded = await inContextOf(item, () => this.recordedCommand(commandEventId(0)));
      if (recorded && recorded.length > 0) {
        item.resolve({ recorded, state: this.state, revision: this.revision, replayed: true });
        return;
      }
    } catch (lookup) {
      item.reject(lookup);
      return;
    }
    if ('unchanged' in outcome)
      item.resolve({ recorded: [], state: this.state, revision: this.revision, replayed: false });
    else if (freshlyRead || item.attempts > 0) item.reject(outcome.error);
    else this.again(item);
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

/** Runs in the context of the request a waiting command comes from (its command key, its principal), if it has one. */
function inContextOf<T>(item: Waiting, work: () => T): T {
  return item.context ? runInContext(item.context, work) : work();
}

/** A command's events as the store takes them: named after the command, tagged with what they concern. */
function toNewEvents(decided: readonly CommitmentsEvent[], firstId: string, firstMetadata?: JsonObject): NewEvent[] {
  return decided.map((event, position) => ({
    eventId: commandEventId(position),
    type: event.type,
    schemaVersion: SCHEMA_VERSION,
    data: event.data as unknown as JsonObject,
    metadata: {
      ...eventMetadata({ commandEventId: firstId }),
      ...(position === 0 && firstMetadata ? firstMetadata : {}),
    },
    tags: tagsOf(event),
  }));
}

/** The decision holds if nothing its events concern was written after `revision`, the state it was taken on. */
function boundaryOf(events: readonly NewEvent[], revision: number): ExpectedRevision {
  const tags = [...new Set(events.flatMap((event) => event.tags ?? []))];
  return tags.length > 0 ? { after: revision, tags } : revision;
}
