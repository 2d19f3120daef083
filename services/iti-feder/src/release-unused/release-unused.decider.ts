import { toDecimalString } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { operationIn, requestId } from '../domain/operations';
import type { Programme } from '../domain/state';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface ReleaseUnused {
  operationId: string;
  trace: Trace;
}

/** After the solde is paid, what was programmed and not paid goes back to the axis (and is released in the ledger). */
export function decideReleaseUnused(command: ReleaseUnused, state: Programme | undefined): ItiEvent[] | Refusal {
  const found = operationIn(state, command.operationId);
  if (isRefusal(found)) return found;
  const { programme, operation } = found;
  if (operation.status !== 'agreed')
    return refuse('not-agreed', 'Seule une opération conventionnée non close se dégage');
  const final = operation.claims.find((c) => c.final);
  if (!final || final.paidCents < (final.checked?.payableFederCents ?? 1n))
    return refuse('final-not-paid', 'Le dégagement suit le paiement du solde');
  const unused = operation.federCents - operation.paidCents;
  return [
    {
      type: 'iti-feder.unused-released',
      data: {
        programmeId: programme.id,
        operationId: operation.id,
        amount: toDecimalString(unused),
        requestId: requestId(programme.id, operation.id, 'feder', 'degagement'),
        trace: command.trace,
      },
    },
  ];
}
