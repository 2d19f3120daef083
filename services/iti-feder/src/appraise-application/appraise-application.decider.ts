import type { ItiEvent, Trace } from '../domain/events';
import { operationIn } from '../domain/operations';
import { checkEnergy, ENERGY_RULES, inForce, type EnergyRule } from '../domain/rules';
import type { Programme } from '../domain/state';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface AppraiseApplication {
  operationId: string;
  trace: Trace;
}

/**
 * The Région appraises against the eligibility rules in force on the application's date; the decision says which
 * rule passed or failed for which dwelling. A failed rule rejects the application.
 */
export function decideAppraiseApplication(
  command: AppraiseApplication,
  state: Programme | undefined,
  rules: readonly EnergyRule[] = ENERGY_RULES,
): ItiEvent[] | Refusal {
  const found = operationIn(state, command.operationId);
  if (isRefusal(found)) return found;
  const { programme, operation } = found;
  if (operation.status !== 'complete') return refuse('not-complete', 'Un dossier s’instruit une fois complet');
  const rule = inForce(rules, operation.receivedOn, (r) => r.priority === operation.priority);
  const checks = rule ? checkEnergy(operation.dwellings, rule) : [];
  return [
    {
      type: 'iti-feder.application-appraised',
      data: {
        programmeId: programme.id,
        operationId: command.operationId,
        eligible: checks.every((c) => c.passed),
        checks,
        trace: command.trace,
      },
    },
  ];
}
