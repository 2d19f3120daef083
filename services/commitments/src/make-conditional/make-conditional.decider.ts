import { checkTrace, findCommitment } from '../domain/booking';
import type { CommitmentsEvent } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import type { CommitmentsState } from '../domain/state';
import type { BookingTrace } from '../domain/trace';

export interface MakeConditional {
  commitmentId: string;
  conditionId: string;
  trace: BookingTrace;
}

/** An intention becomes conditional on a named condition: the reserved amount stays, now awaiting that condition. */
export function decideMakeConditional(command: MakeConditional, state: CommitmentsState): CommitmentsEvent[] | Refusal {
  const problem = checkTrace(command.trace);
  if (problem) return problem;
  const commitment = findCommitment(state, command.commitmentId);
  if (isRefusal(commitment)) return commitment;
  if (commitment.status !== 'indicative') {
    return refuse(
      'not-indicative',
      `Seul un engagement indicatif devient conditionnel (celui-ci est ${commitment.status})`,
    );
  }
  const condition = state.conditions.get(command.conditionId);
  if (!condition)
    return refuse('unknown-condition', `Condition inconnue : ${command.conditionId}`, { field: 'conditionId' });
  if (condition.status !== 'open')
    return refuse('condition-resolved', `La condition « ${condition.label} » est déjà levée`, {
      field: 'conditionId',
    });
  return [
    {
      type: 'commitments.commitment-made-conditional',
      data: {
        commitmentId: commitment.id,
        conditionId: condition.id,
        trace: command.trace,
        commitmentIds: [commitment.id],
      },
    },
  ];
}
