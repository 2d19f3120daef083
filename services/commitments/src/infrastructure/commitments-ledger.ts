import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@cvl/event-store';
import { commandEventId, EVENT_STORE, eventMetadata, refusalAsProblem } from '@cvl/platform';
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
    this.catchingUp = this.catchingUp.then(async () => {
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
   * Runs a decision. `guard` sees the state first (e.g. an If-Match on a commitment's version). A refusal becomes a
   * problem answer and writes nothing.
   */
  async execute(decide: Decision, guard?: (state: CommitmentsState) => void): Promise<Executed> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
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
      try {
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
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) continue;
        throw error;
      }
    }
    throw new WrongExpectedRevisionError(LEDGER_STREAM, this.revision, this.revision);
  }
}
