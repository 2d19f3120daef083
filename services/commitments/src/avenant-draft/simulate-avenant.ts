import { formatEurosFr, toDecimalString } from '@cvl/money';
import { isRefusal, type Refusal } from '@cvl/refusal';
import type { CommitmentsEvent } from '../domain/events';
import { evolve } from '../domain/evolve';
import type { CommitmentsState } from '../domain/state';
import { CHANGE_ACTIONS, MAX_CHANGES, type ChangeAction } from './avenant-draft';

/** One change of a draft as the simulation runs it: the decision its own command's handler would take. */
export interface SimulationStep {
  action: ChangeAction;
  /** What it concerns, in the users' words (« engagement pdch-fouquieres-demolition »). */
  subject: string;
  /** Where the change's fields sit in the draft (« commitment. » for a recording's body): prefixes the refusal's field. */
  fieldPrefix?: string;
  decide: (state: CommitmentsState) => CommitmentsEvent[] | Refusal;
}

export interface ChangeOutcome {
  index: number;
  action: ChangeAction;
  actionLabel: string;
  subject: string;
  outcome: 'accepte' | 'refuse';
  outcomeLabel: string;
  /** The events the ledger would record for it (none when refused). */
  bookings: number;
  refusal?: {
    code: string;
    title?: string;
    message: string;
    /** The field of the draft to correct: « changes[2].newAmount ». */
    field?: string;
    excess?: string;
    excessFormatted?: string;
  };
}

/**
 * Runs a draft's changes one after the other on a fork of the ledger's state, in memory: each decided by its own
 * command's decider (and the co-financing guard every decision passes) on the state the previous ones left. A
 * refused change is told with its rule and excess and leaves the state as it was; the others go on, so that one
 * reading shows every refusal. Nothing is written: the state is immutable, the fork is only ever a new value.
 */
export function simulateAvenant(
  state: CommitmentsState,
  steps: readonly SimulationStep[],
): { state: CommitmentsState; outcomes: ChangeOutcome[] } {
  if (steps.length > MAX_CHANGES) throw new Error(`simulation : ${steps.length} changements, au plus ${MAX_CHANGES}`);
  let fork = state;
  const outcomes = steps.map((step, index): ChangeOutcome => {
    const decided = step.decide(fork);
    const common = { index, action: step.action, actionLabel: CHANGE_ACTIONS[step.action], subject: step.subject };
    if (isRefusal(decided))
      return {
        ...common,
        outcome: 'refuse',
        outcomeLabel: 'refusé',
        bookings: 0,
        refusal: {
          code: decided.code,
          ...(decided.title ? { title: decided.title } : {}),
          message: decided.message,
          ...(decided.field ? { field: `changes[${index}].${step.fieldPrefix ?? ''}${decided.field}` } : {}),
          ...(decided.excessCents !== undefined
            ? { excess: toDecimalString(decided.excessCents), excessFormatted: formatEurosFr(decided.excessCents) }
            : {}),
        },
      };
    for (const event of decided) fork = evolve(fork, event);
    return { ...common, outcome: 'accepte', outcomeLabel: 'accepté', bookings: decided.length };
  });
  return { state: fork, outcomes };
}
