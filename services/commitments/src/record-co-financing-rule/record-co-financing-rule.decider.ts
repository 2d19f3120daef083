import type { Refusal } from '@cvl/refusal';
import { checkTrace, knownFunder } from '../domain/booking';
import type { CoFinancingRule } from '../domain/co-financing-rules';
import type { CommitmentsEvent } from '../domain/events';
import { refuse } from '../domain/refusals';
import type { CommitmentsState } from '../domain/state';
import type { BookingTrace } from '../domain/trace';

export interface RecordCoFinancingRule {
  rule: CoFinancingRule;
  trace: BookingTrace;
}

/**
 * Records a co-financing cap (a new text, a new version of one): in force from its date, never before — what was
 * booked under the former rule stays, and the integrity report lists each operation the new one finds over its cap.
 */
export function decideRecordCoFinancingRule(
  command: RecordCoFinancingRule,
  state: CommitmentsState,
): CommitmentsEvent[] | Refusal {
  const { rule } = command;
  const problem = checkTrace(command.trace);
  if (problem) return problem;
  if (!rule.label.trim()) return refuse('label-required', 'Libellé de la règle obligatoire', { field: 'rule.label' });
  if (!rule.source.trim())
    return refuse('traceability-incomplete', 'Une règle cite sa source juridique', { field: 'rule.source' });
  if (rule.to !== undefined && rule.to < rule.from)
    return refuse('operation-calendar', `La règle cesse (${rule.to}) avant d’entrer en vigueur (${rule.from})`, {
      field: 'rule.to',
    });
  if (rule.bounds === 'funder') {
    if (!rule.funder)
      return refuse('unknown-funder', 'Un plafond par financeur nomme son financeur', { field: 'rule.funder' });
    const unknown = knownFunder(state, rule.funder, 'rule.funder');
    if (unknown) return unknown;
  }
  return [{ type: 'commitments.co-financing-rule-recorded', data: { rule, trace: command.trace } }];
}
