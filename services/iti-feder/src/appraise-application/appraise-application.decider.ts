import type { ItiEvent, Trace } from '../domain/events';
import { refuse, type Refusal } from '@cvl/refusal';
import { checkEnergy, ENERGY_RULES, inForce, type EnergyRule } from '../domain/rules';
import type { Programme } from '../domain/state';

/** The CALL checks the file is complete (intermediate body). */
export function decideComplete(operationId: string, trace: Trace, state: Programme | undefined): ItiEvent[] | Refusal {
  const operation = state?.operations.get(operationId);
  if (!state || !operation)
    return refuse('unknown-operation', `Opération inconnue : ${operationId}`, { kind: 'unknown' });
  if (operation.status !== 'received')
    return refuse('not-received', `Dossier déjà ${operation.status}`, { kind: 'conflict' });
  return [{ type: 'iti-feder.application-completed', data: { programmeId: state.id, operationId, trace } }];
}

/**
 * The Région appraises against the eligibility rules in force on the application's date; the decision says which
 * rule passed or failed for which dwelling. A failed rule rejects the application.
 */
export function decideAppraise(
  operationId: string,
  trace: Trace,
  state: Programme | undefined,
  rules: readonly EnergyRule[] = ENERGY_RULES,
): ItiEvent[] | Refusal {
  const operation = state?.operations.get(operationId);
  if (!state || !operation)
    return refuse('unknown-operation', `Opération inconnue : ${operationId}`, { kind: 'unknown' });
  if (operation.status !== 'complete')
    return refuse('not-complete', 'Un dossier s’instruit une fois complet', { kind: 'conflict' });
  const rule = inForce(rules, operation.receivedOn, (r) => r.priority === operation.priority);
  const checks = rule ? checkEnergy(operation.dwellings, rule) : [];
  return [
    {
      type: 'iti-feder.application-appraised',
      data: { programmeId: state.id, operationId, eligible: checks.every((c) => c.passed), checks, trace },
    },
  ];
}
