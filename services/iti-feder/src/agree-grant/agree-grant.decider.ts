import { toDecimalString } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { operationIn, requestId } from '../domain/operations';
import type { Programme } from '../domain/state';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface AgreeGrant {
  operationId: string;
  /** The convention attributive. */
  act: { reference: string; date: string };
  trace: Trace;
}

/**
 * The FEDER's convention attributive is the FEDER's legal commitment: its line becomes firm in the ledger. It binds
 * no co-funder — each commits by its own act (commit-co-funder), on its own envelope.
 */
export function decideAgreeGrant(command: AgreeGrant, state: Programme | undefined): ItiEvent[] | Refusal {
  const found = operationIn(state, command.operationId);
  if (isRefusal(found)) return found;
  const { programme, operation } = found;
  if (operation.status !== 'programmed')
    return refuse('not-programmed', 'La convention suit la décision de programmation');
  if (!command.act.reference.trim())
    return refuse('act-required', 'Référence de la convention attributive obligatoire', { field: 'act.reference' });
  const lines = [
    {
      funder: 'feder',
      amount: toDecimalString(operation.federCents),
      requestId: requestId(programme.id, operation.id, 'feder', 'convention'),
    },
  ];
  return [
    {
      type: 'iti-feder.grant-agreed',
      data: { programmeId: programme.id, operationId: operation.id, act: command.act, lines, trace: command.trace },
    },
  ];
}
