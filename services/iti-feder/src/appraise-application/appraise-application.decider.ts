import { fromDecimalString, toDecimalString, type Cents } from '@cvl/money';
import type { ItiEvent, Line, Trace } from '../domain/events';
import { operationIn } from '../domain/operations';
import { checkEnergy, ENERGY_RULES, inForce, type EnergyRule, type RuleCheck } from '../domain/rules';
import type { ItiOperation, Programme } from '../domain/state';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface AppraiseApplication {
  operationId: string;
  trace: Trace;
}

/**
 * The Région appraises against the eligibility rules in force on the application's date; the decision says which
 * rule passed or failed for which dwelling. A failing dwelling is excluded with its reason and the rest proceeds,
 * its cost and aid cut to the dwellings kept; only an application none of whose dwellings passes is rejected.
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
  // No rule in force for the priority: no dwelling is checked, none fails.
  const failing = operation.dwellings.filter((_, index) => checks[index] !== undefined && !checks[index].passed);
  const eligible = failing.length < operation.dwellings.length || operation.dwellings.length === 0;
  return [
    {
      type: 'iti-feder.application-appraised',
      data: {
        programmeId: programme.id,
        operationId: command.operationId,
        eligible,
        checks,
        ...(eligible && failing.length > 0
          ? {
              excluded: failing.map((d) => ({ dwelling: d.id, reason: reasonOf(checks, operation, d.id) })),
              retained: retainedPart(operation, failing),
            }
          : {}),
        trace: command.trace,
      },
    },
  ];
}

const reasonOf = (checks: readonly RuleCheck[], operation: ItiOperation, dwelling: string) =>
  checks[operation.dwellings.findIndex((d) => d.id === dwelling)].explanation;

/**
 * What proceeds without the failing dwellings: the eligible cost less their own costs when every dwelling states one,
 * else cut in proportion to the dwellings kept; each line's aid in the proportion of the cost kept, rounded down to
 * the cent (aid is never rounded up past what the works retained justify). Integer arithmetic only.
 */
export function retainedPart(operation: ItiOperation, failing: ItiOperation['dwellings']) {
  const total = operation.dwellings.length;
  const kept = total - failing.length;
  const costed = operation.dwellings.every((d) => d.eligibleCost !== undefined);
  const eligibleCostCents: Cents = costed
    ? operation.eligibleCostCents - failing.reduce((sum, d) => sum + fromDecimalString(d.eligibleCost ?? '0.00'), 0n)
    : (operation.eligibleCostCents * BigInt(kept)) / BigInt(total);
  const scaled = (cents: Cents) => (cents * eligibleCostCents) / operation.eligibleCostCents;
  return {
    dwellings: kept,
    of: total,
    basis: costed ? ('dwelling-costs' as const) : ('pro-rata' as const),
    eligibleCost: toDecimalString(eligibleCostCents),
    feder: toDecimalString(scaled(operation.federCents)),
    coFunders: operation.coFunders.map((line): Line => ({
      ...line,
      amount: toDecimalString(scaled(fromDecimalString(line.amount))),
    })),
  };
}
