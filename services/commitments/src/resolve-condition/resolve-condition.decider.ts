import { checkTrace, decimal, transferId, tryBookings, type DecisionContext } from '../domain/booking';
import type { CommitmentsEvent, SerializedTransfer } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { accountOf, type CommitmentsState } from '../domain/state';
import type { BookingTrace, LegalAct } from '../domain/trace';

export interface ResolveCondition {
  conditionId: string;
  outcome: 'met' | 'failed';
  /** The act that lifts the condition (e.g. the ministry's answer), when there is one. */
  act?: LegalAct;
  trace: BookingTrace;
}

/**
 * A condition lifted: met, it no longer holds anything back — each commitment that waited on it becomes as firm as
 * its own act makes it (firm when it cites the convention or decision signed under the condition, indicative
 * otherwise: a suspensive condition met is not the act that binds a funder). Failed, every one is voided and lapses.
 * All or none.
 */
export function decideResolveCondition(
  command: ResolveCondition,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  const problem = checkTrace(command.trace);
  if (problem) return problem;
  const condition = state.conditions.get(command.conditionId);
  if (!condition)
    return refuse('unknown-condition', `Condition inconnue : ${command.conditionId}`, {
      field: 'conditionId',
      kind: 'unknown',
    });
  if (condition.status !== 'open')
    return refuse('condition-resolved', `La condition « ${condition.label} » est déjà levée`);
  const awaiting = [...state.commitments.values()]
    .filter((c) => c.status === 'conditional' && c.conditionId === condition.id)
    .sort((a, b) => a.id.localeCompare(b.id));
  const met = command.outcome === 'met';
  const firmByItsAct = (commitment: (typeof awaiting)[number]) => commitment.act !== undefined;
  // Met, only a commitment with its own act posts its reservation; the others keep it pending (indicative).
  const moving = met ? awaiting.filter(firmByItsAct) : awaiting;
  const transfers: SerializedTransfer[] = moving.map((commitment, index) => ({
    id: transferId(context, index),
    phase: met ? 'post' : 'void',
    debit: commitment.fundingAccount,
    credit: accountOf.commitment(commitment.id),
    pendingId: commitment.pendingTransferId as string,
    ...(index < moving.length - 1 ? { linked: true } : {}),
  }));
  const booked = tryBookings(state, [], transfers, command.trace);
  if (isRefusal(booked)) return booked;
  return [
    {
      type: 'commitments.condition-resolved',
      data: {
        conditionId: condition.id,
        outcome: command.outcome,
        ...(command.act ? { act: command.act } : {}),
        amounts: Object.fromEntries(awaiting.map((c) => [c.id, decimal(c.amountCents)])),
        ...(met
          ? {
              statuses: Object.fromEntries(
                awaiting.map((c) => [c.id, firmByItsAct(c) ? ('firm' as const) : ('indicative' as const)]),
              ),
            }
          : {}),
        trace: command.trace,
        accounts: [],
        transfers,
        commitmentIds: awaiting.map((c) => c.id),
      },
    },
  ];
}
