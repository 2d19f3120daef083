import { toDecimalString } from '@cvl/money';
import type { RenewalEvent, Trace } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { liveOperation, type Protocol } from '../domain/state';

/** The id of a plan line at a version: how the protocol knows which version the ledger's answer is for. */
export function planLineId(protocolId: string, operationId: string, planVersion: number, funder: string): string {
  return `${protocolId}:${operationId}:v${planVersion}:${funder}`;
}

export interface ApproveFinancingPlan {
  operationId: string;
  trace: Trace;
}

/**
 * Approving a plan asks the ledger to book each funder line: indicative before the protocol is signed, firm after
 * (the signature is the act). Each line carries a request id naming the plan version, so a line is booked once
 * however often the approval is delivered.
 */
export function decideApproveFinancingPlan(
  command: ApproveFinancingPlan,
  state: Protocol | undefined,
): RenewalEvent[] | Refusal {
  if (!state) return refuse('unknown-protocol', 'Protocole inconnu');
  const operation = liveOperation(state, command.operationId);
  if (isRefusal(operation)) return operation;
  if (operation.plan.length === 0) return refuse('plan-missing', 'Aucun plan de financement à approuver');
  if (operation.approvedVersion === operation.planVersion)
    return refuse('plan-already-approved', `Le plan n° ${operation.planVersion} est déjà approuvé`);
  const firm = state.status === 'signed' && state.signature !== undefined;
  // The act in force: the signature, or the latest avenant.
  const act = state.versions.length > 0 ? state.versions[state.versions.length - 1].act : state.signature;
  return [
    {
      type: 'renewal-urban.financing-plan-approved',
      data: {
        protocolId: state.id,
        operationId: operation.id,
        planVersion: operation.planVersion,
        bookingStatus: firm ? 'firm' : 'indicative',
        ...(firm && act ? { act } : {}),
        quartier: operation.quartier,
        label: operation.label,
        lines: operation.plan.map((line) => ({
          ...line,
          requestId: planLineId(state.id, operation.id, operation.planVersion, line.funder),
        })),
        operation: {
          id: operation.registryOperation,
          projectOwner: operation.projectOwner,
          nature: operation.nature,
          eligibleBase: toDecimalString(operation.eligibleBaseCents),
          start: operation.start,
          end: operation.end,
        },
        ...(state.stake ? { stake: state.stake } : {}),
        ...(state.objective ? { objective: state.objective } : {}),
        trace: command.trace,
      },
    },
  ];
}
