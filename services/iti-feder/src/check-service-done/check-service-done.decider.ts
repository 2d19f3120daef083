import { formatEurosFr, toDecimalString, type Cents } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { agreedOperation } from '../domain/operations';
import type { Programme } from '../domain/state';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';

export interface CheckServiceDone {
  operationId: string;
  claimId: string;
  /** The expenses the control accepts, out of those claimed. */
  acceptedCents: Cents;
  trace: Trace;
}

/**
 * Contrôle de service fait: the expenses accepted give the FEDER due at the operation's rate, never beyond what is
 * programmed, and public aid across all co-funders (their bookings in the ledger) never above the expenses.
 */
export function decideCheckServiceDone(command: CheckServiceDone, state: Programme | undefined): ItiEvent[] | Refusal {
  const found = agreedOperation(state, command.operationId);
  if (isRefusal(found)) return found;
  const { programme, operation } = found;
  const { claimId, acceptedCents } = command;
  const claim = operation.claims.find((c) => c.id === claimId);
  if (!claim) return refuse('unknown-claim', `Demande inconnue : ${claimId}`, { field: 'claimId' });
  if (claim.checked) return refuse('claim-checked', 'Service fait déjà contrôlé pour cette demande');
  if (acceptedCents < 0n || acceptedCents > claim.expensesCents)
    return refuse('accepted-above-claimed', `Dépenses retenues entre 0 et ${formatEurosFr(claim.expensesCents)}`, {
      field: 'acceptedExpenses',
    });
  const acceptedSoFar =
    operation.claims.reduce((sum, c) => sum + (c.checked?.acceptedExpensesCents ?? 0n), 0n) + acceptedCents;
  const payableSoFar = operation.claims.reduce((sum, c) => sum + (c.checked?.payableFederCents ?? 0n), 0n);
  const byRate = (acceptedSoFar * operation.federCents) / operation.eligibleCostCents - payableSoFar;
  const remaining = operation.federCents - payableSoFar;
  const coFundersBooked = [...operation.bookings.entries()]
    .filter(([funder, b]) => funder !== 'feder' && b.outcome === 'booked')
    .reduce((sum, [, b]) => sum + (b.amountCents ?? 0n), 0n);
  let payable = byRate < remaining ? byRate : remaining;
  if (payable < 0n) payable = 0n;
  if (claim.final) {
    const room = acceptedSoFar - coFundersBooked - payableSoFar;
    if (room < 0n)
      return refuse(
        'over-financed',
        `Les cofinancements inscrits (${formatEurosFr(coFundersBooked)}) dépassent déjà les dépenses retenues (${formatEurosFr(acceptedSoFar)}) : aucun FEDER n’est dû`,
        { field: 'acceptedExpenses', excessCents: -room },
      );
    if (payable > room) payable = room;
  }
  const publicAid = coFundersBooked + payableSoFar + payable;
  return [
    {
      type: 'iti-feder.service-done-checked',
      data: {
        programmeId: programme.id,
        operationId: operation.id,
        claimId,
        acceptedExpenses: toDecimalString(acceptedCents),
        payableFeder: toDecimalString(payable),
        publicAid: toDecimalString(publicAid),
        trace: command.trace,
      },
    },
  ];
}
