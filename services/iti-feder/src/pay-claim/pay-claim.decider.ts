import { formatEurosFr, toDecimalString } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { agreedOperation, requestId } from '../domain/operations';
import type { Programme } from '../domain/state';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface PayClaim {
  operationId: string;
  claimId: string;
  trace: Trace;
}

/** Pays what the control found due — never more than programmed. */
export function decidePayClaim(command: PayClaim, state: Programme | undefined): ItiEvent[] | Refusal {
  const found = agreedOperation(state, command.operationId);
  if (isRefusal(found)) return found;
  const { programme, operation } = found;
  const claim = operation.claims.find((c) => c.id === command.claimId);
  if (!claim?.checked) return refuse('service-not-done', 'Le paiement suit le contrôle de service fait');
  const due = claim.checked.payableFederCents - claim.paidCents;
  if (due <= 0n) return refuse('nothing-due', 'Rien à payer sur cette demande');
  if (operation.paidCents + due > operation.federCents)
    return refuse(
      'above-programmed',
      `Le paiement dépasserait le FEDER programmé de ${formatEurosFr(operation.paidCents + due - operation.federCents)}`,
      { excessCents: operation.paidCents + due - operation.federCents },
    );
  return [
    {
      type: 'iti-feder.payment-made',
      data: {
        programmeId: programme.id,
        operationId: operation.id,
        claimId: claim.id,
        amount: toDecimalString(due),
        requestId: requestId(programme.id, operation.id, 'feder', `paiement-${claim.id}`),
        kind: claim.final ? 'solde' : 'acompte',
        serviceDoneDate: command.trace.effectiveDate,
        trace: command.trace,
      },
    },
  ];
}
