import type { RecordedEvent } from '@cvl/event-store';
import type { CommitmentsEvent } from '../domain/events';
import { evolve } from '../domain/evolve';
import { initialState, type CommitmentsState } from '../domain/state';
import { upcast } from '../infrastructure/upcasters';
import type { PointInTime } from '../infrastructure/ledger-projection';

export interface StateAt {
  state: CommitmentsState;
  /** Events left out because they build on something not yet effective at that date (inconsistent dates). */
  skipped: Array<{ eventId: string; type: string; reason: string }>;
}

/**
 * Test support: the oracle the SQL projection is checked against (ledger-projection.contract.spec.ts) — no query
 * of the service replays events any more. The ledger as it stood on a date, as known at an instant: the events
 * effective by `asOf` and recorded by `knownAt`, replayed in their recorded order. An event that builds on one left
 * out is left out too, and said.
 */
export function stateAt(events: readonly RecordedEvent[], at: PointInTime): StateAt {
  let state = initialState();
  const skipped: StateAt['skipped'] = [];
  const knownAt = at.knownAt ? Date.parse(at.knownAt) : undefined;
  for (const recorded of events) {
    const event: CommitmentsEvent = upcast(recorded);
    const trace = event.data.trace;
    if (at.asOf && trace.effectiveDate > at.asOf) continue;
    if (knownAt !== undefined && Date.parse(trace.recordedAt) > knownAt) continue;
    try {
      state = evolve(state, event);
    } catch (error) {
      skipped.push({ eventId: recorded.eventId, type: recorded.type, reason: (error as Error).message });
    }
  }
  return { state, skipped };
}
