import type { RecordedEvent } from '@cvl/event-store';
import type { Cents } from '@cvl/money';
import { tagsOf } from '../domain/consistency';
import type { CommitmentsEvent } from '../domain/events';
import { figuresOf, zeroFigures, type Figures } from '../domain/figures';
import { accountOf, LEDGER, type Commitment, type CommitmentsState } from '../domain/state';
import { historyEntry, type HistoryEntry } from './history';
import type { CommitmentAt } from './statement';

/**
 * What one event changed, per commitment: its figures' deltas, its state after, and the dates that place it
 * (effective date: valid time; the decision's recordedAt: transaction time). The ledger's queries sum these rows
 * in SQL — « as of » a date, « as known » at an instant — instead of replaying events per request: a figure on a
 * date is the sum of the movements effective by then and recorded by then. For a history whose effective dates
 * follow its recording order (every booking decided on what came before it) this is what a replay gives.
 */
export interface Movement extends Omit<CommitmentAt, 'id' | 'figures'> {
  revision: number;
  commitmentId: string;
  effectiveDate: string;
  recordedAt: string;
  delta: Figures;
  /** The commitment's ledger account: pending net (credits − debits) and posted net, as deltas. */
  pendingNetCents: Cents;
  postedNetCents: Cents;
}

/** The ledger's totals moved by one event (double entry: debits and credits move together). */
export interface TotalsMovement {
  revision: number;
  effectiveDate: string;
  recordedAt: string;
  debitsPostedCents: Cents;
  creditsPostedCents: Cents;
  debitsPendingCents: Cents;
  creditsPendingCents: Cents;
}

export interface Projected {
  movements: Movement[];
  totals?: TotalsMovement;
  history: Array<{ commitmentId: string; revision: number; entry: HistoryEntry }>;
}

const COMMITMENT_TAG = 'commitment:';

function minus(after: Figures, before: Figures): Figures {
  return {
    indicativeCents: after.indicativeCents - before.indicativeCents,
    conditionalCents: after.conditionalCents - before.conditionalCents,
    firmCents: after.firmCents - before.firmCents,
    paidCents: after.paidCents - before.paidCents,
    outstandingCents: after.outstandingCents - before.outstandingCents,
    releasedCents: after.releasedCents - before.releasedCents,
  };
}

function accountNets(state: CommitmentsState, commitmentId: string): { pending: Cents; posted: Cents } {
  const account = state.ledger.accounts.get(accountOf.commitment(commitmentId));
  if (!account) return { pending: 0n, posted: 0n };
  return {
    pending: account.creditsPendingCents - account.debitsPendingCents,
    posted: account.creditsPostedCents - account.debitsPostedCents,
  };
}

/** The rows one event adds to the projection, from the states before and after it (pure). */
export function project(
  before: CommitmentsState,
  after: CommitmentsState,
  event: CommitmentsEvent,
  recorded: RecordedEvent,
): Projected {
  const trace = event.data.trace;
  const touched = tagsOf(event)
    .filter((t) => t.startsWith(COMMITMENT_TAG))
    .map((t) => t.slice(COMMITMENT_TAG.length));
  const movements: Movement[] = [];
  const history: Projected['history'] = [];
  for (const id of touched) {
    const entry = historyEntry(recorded, event, id);
    if (entry) history.push({ commitmentId: id, revision: recorded.revision, entry });
    const now: Commitment | undefined = after.commitments.get(id);
    const then = before.commitments.get(id);
    // Named by the event but left as it was (the pool a new part names): nothing moved.
    if (!now || then === now) continue;
    const nets = { before: accountNets(before, id), after: accountNets(after, id) };
    movements.push({
      revision: recorded.revision,
      commitmentId: id,
      funder: now.funder,
      status: now.status,
      isPool: now.isPool,
      ...(now.conditionId ? { conditionId: now.conditionId } : {}),
      attribution: now.attribution,
      ...(now.act ? { act: now.act } : {}),
      effectiveDate: trace.effectiveDate,
      recordedAt: trace.recordedAt,
      delta: minus(figuresOf(now), then ? figuresOf(then) : zeroFigures()),
      pendingNetCents: nets.after.pending - nets.before.pending,
      postedNetCents: nets.after.posted - nets.before.posted,
    });
  }
  const totalsBefore = before.ledger.totals.get(LEDGER);
  const totalsAfter = after.ledger.totals.get(LEDGER);
  const totals: TotalsMovement | undefined =
    totalsAfter && totalsAfter !== totalsBefore
      ? {
          revision: recorded.revision,
          effectiveDate: trace.effectiveDate,
          recordedAt: trace.recordedAt,
          debitsPostedCents: totalsAfter.debitsPostedCents - (totalsBefore?.debitsPostedCents ?? 0n),
          creditsPostedCents: totalsAfter.creditsPostedCents - (totalsBefore?.creditsPostedCents ?? 0n),
          debitsPendingCents: totalsAfter.debitsPendingCents - (totalsBefore?.debitsPendingCents ?? 0n),
          creditsPendingCents: totalsAfter.creditsPendingCents - (totalsBefore?.creditsPendingCents ?? 0n),
        }
      : undefined;
  return { movements, ...(totals ? { totals } : {}), history };
}
