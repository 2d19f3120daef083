import { toDecimalString, type Cents } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { agreedOperation } from '../domain/operations';
import type { Programme } from '../domain/state';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface FilePaymentClaim {
  operationId: string;
  claimId: string;
  /** The expense statement's total. */
  expensesCents: Cents;
  /** The demande de solde: the last claim. */
  final: boolean;
  trace: Trace;
}

/** A payment claim with its expense statement. */
export function decideFilePaymentClaim(command: FilePaymentClaim, state: Programme | undefined): ItiEvent[] | Refusal {
  const found = agreedOperation(state, command.operationId);
  if (isRefusal(found)) return found;
  const { programme, operation } = found;
  if (operation.claims.some((c) => c.id === command.claimId))
    return refuse('claim-exists', `La demande ${command.claimId} existe déjà`, { field: 'claimId' });
  if (operation.claims.some((c) => c.final)) return refuse('final-claimed', 'La demande de solde est déjà déposée');
  if (command.expensesCents <= 0n)
    return refuse('expenses-not-positive', 'État des dépenses strictement positif', { field: 'expenses' });
  return [
    {
      type: 'iti-feder.payment-claimed',
      data: {
        programmeId: programme.id,
        operationId: operation.id,
        claimId: command.claimId,
        expenses: toDecimalString(command.expensesCents),
        final: command.final,
        trace: command.trace,
      },
    },
  ];
}
