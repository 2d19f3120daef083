import { isIsoDate } from '@cvl/ledger';
import { type Refusal } from '@cvl/refusal';
import { checkTrace } from '../domain/booking';
import type { CommitmentsEvent, GovernanceStepRecorded } from '../domain/events';
import { refuse } from '../domain/refusals';
import { referenceKey, type CommitmentsState } from '../domain/state';
import { sameButRecording } from '../domain/trace';

export type RecordGovernanceStep = GovernanceStepRecorded;

/**
 * A dated step of the contract's governance, recorded with its line: its window is a real span of days, whom it
 * concerns are funders of the referential, what it moves (a condition, lines of the document) is in the ledger.
 */
export function decideRecordGovernanceStep(
  command: RecordGovernanceStep,
  state: CommitmentsState,
): CommitmentsEvent[] | Refusal {
  const problem = checkTrace(command.trace);
  if (problem) return problem;
  if (command.trace.source.kind !== 'document' && command.trace.source.kind !== 'act')
    return refuse('figure-source-required', 'Une étape cite la ligne du document ou l’acte qui la fonde', {
      field: 'trace.source',
    });
  if (!command.label.trim()) return refuse('label-required', 'Libellé obligatoire', { field: 'label' });
  const { from, to } = command.window;
  if (!isIsoDate(from) || !isIsoDate(to) || to < from)
    return refuse('governance-window', `Période invalide : du ${from} au ${to}`, { field: 'window' });
  for (const [index, funder] of command.funders.entries())
    if (!state.references.has(referenceKey('funder', funder)))
      return refuse('unknown-funder', `Financeur inconnu : ${funder}`, { field: `funders[${index}]` });
  if (command.conditionId && !state.conditions.has(command.conditionId))
    return refuse('unknown-condition', `Condition inconnue : ${command.conditionId}`, { field: 'conditionId' });
  for (const [index, figure] of (command.figureIds ?? []).entries())
    if (!state.documentFigures.has(figure))
      return refuse('unknown-figure', `Montant du document inconnu : ${figure}`, { field: `figureIds[${index}]` });
  const existing = state.governance.get(command.stepId);
  if (existing) {
    return sameButRecording(existing, command)
      ? []
      : refuse('governance-step-exists', `L’étape ${command.stepId} est déjà enregistrée avec un autre contenu`, {
          field: 'stepId',
        });
  }
  return [{ type: 'commitments.governance-step-recorded', data: command }];
}
