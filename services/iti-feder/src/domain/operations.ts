import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from './refusals';
import type { ItiOperation, Programme } from './state';

/** The id of a line the programme asks the ledger for, at one step (programmation, convention, paiement-…). */
export function requestId(programmeId: string, operationId: string, funder: string, step: string): string {
  return `iti:${programmeId}:${operationId}:${step}:${funder}`;
}

/** The operation a command concerns, in a programme that exists — or the refusal every use case gives. */
export function operationIn(
  state: Programme | undefined,
  operationId: string,
): { programme: Programme; operation: ItiOperation } | Refusal {
  const operation = state?.operations.get(operationId);
  if (!state || !operation) return refuse('unknown-operation', `Opération inconnue : ${operationId}`);
  return { programme: state, operation };
}

/** An operation under its grant agreement and not closed: the only one that receives claims and payments. */
export function agreedOperation(
  state: Programme | undefined,
  operationId: string,
): { programme: Programme; operation: ItiOperation } | Refusal {
  const found = operationIn(state, operationId);
  if (isRefusal(found)) return found;
  if (found.operation.status !== 'agreed')
    return refuse('not-agreed', 'Seule une opération conventionnée, non close, reçoit des paiements');
  return found;
}

const CO_FUNDER_STEP = 'acte-';

/** The step of a co-funder's own commitment in the requests to the ledger: one per co-funder. */
export const coFunderStep = (funder: string) => `${CO_FUNDER_STEP}${funder}`;

/** Whether a request's step is a co-funder's own commitment. */
export const isCoFunderStep = (step: string) => step.startsWith(CO_FUNDER_STEP);
