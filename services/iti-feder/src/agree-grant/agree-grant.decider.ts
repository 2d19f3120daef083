import { toDecimalString } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { refuse, type Refusal } from '@cvl/refusal';
import type { Programme } from '../domain/state';
import { requestId } from '../program-operation/program-operation.decider';

/** The grant agreement is the legal commitment: the programmed lines become firm in the ledger. */
export function decideAgree(
  operationId: string,
  act: { reference: string; date: string },
  trace: Trace,
  state: Programme | undefined,
): ItiEvent[] | Refusal {
  const operation = state?.operations.get(operationId);
  if (!state || !operation)
    return refuse('unknown-operation', `Opération inconnue : ${operationId}`, { kind: 'unknown' });
  if (operation.status !== 'programmed')
    return refuse('not-programmed', 'La convention suit la décision de programmation', { kind: 'conflict' });
  if (!act.reference.trim())
    return refuse('act-required', 'Référence de la convention attributive obligatoire', { field: 'act.reference' });
  const lines = [{ funder: 'feder', amount: toDecimalString(operation.federCents) }, ...operation.coFunders].map(
    (line) => ({ ...line, requestId: requestId(state.id, operation.id, line.funder, 'convention') }),
  );
  return [{ type: 'iti-feder.grant-agreed', data: { programmeId: state.id, operationId, act, lines, trace } }];
}
