import { toDecimalString } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { refuse, type Refusal } from '@cvl/refusal';
import type { Programme } from '../domain/state';
import { requestId } from '../program-operation/program-operation.decider';

/** After the solde is paid, what was programmed and not paid goes back to the axis (and is released in the ledger). */
export function decideRelease(operationId: string, trace: Trace, state: Programme | undefined): ItiEvent[] | Refusal {
  const operation = state?.operations.get(operationId);
  if (!state || !operation)
    return refuse('unknown-operation', `Opération inconnue : ${operationId}`, { kind: 'unknown' });
  if (operation.status !== 'agreed')
    return refuse('not-agreed', 'Seule une opération conventionnée non close se dégage', { kind: 'conflict' });
  const final = operation.claims.find((c) => c.final);
  if (!final || final.paidCents < (final.checked?.payableFederCents ?? 1n))
    return refuse('final-not-paid', 'Le dégagement suit le paiement du solde', { kind: 'conflict' });
  const unused = operation.federCents - operation.paidCents;
  return [
    {
      type: 'iti-feder.unused-released',
      data: {
        programmeId: state.id,
        operationId,
        amount: toDecimalString(unused),
        requestId: requestId(state.id, operation.id, 'feder', 'degagement'),
        trace,
      },
    },
  ];
}
