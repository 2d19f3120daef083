import { checkTrace } from '../domain/booking';
import type { CommitmentsEvent } from '../domain/events';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import type { CommitmentsState } from '../domain/state';
import type { BookingTrace } from '../domain/trace';

export interface RegisterCondition {
  conditionId: string;
  label: string;
  description: string;
  trace: BookingTrace;
}

/** A named suspensive condition (e.g. Maisons et Cités' eligibility to the TFPB abatement) commitments can await. */
export function decideRegisterCondition(
  command: RegisterCondition,
  state: CommitmentsState,
): CommitmentsEvent[] | Refusal {
  const problem = checkTrace(command.trace);
  if (problem) return problem;
  const existing = state.conditions.get(command.conditionId);
  if (existing) {
    return existing.label === command.label && existing.description === command.description
      ? []
      : refuse('condition-exists', `La condition ${command.conditionId} existe déjà avec un autre libellé`, {
          field: 'conditionId',
        });
  }
  return [
    {
      type: 'commitments.condition-registered',
      data: {
        conditionId: command.conditionId,
        label: command.label,
        description: command.description,
        trace: command.trace,
      },
    },
  ];
}
