import { formatEurosFr, toDecimalString, type Cents } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { refuse, type Refusal } from '@cvl/refusal';
import type { ItiOperation, Programme } from '../domain/state';
import { requestId } from '../program-operation/program-operation.decider';

function agreed(state: Programme | undefined, operationId: string): ItiOperation | Refusal {
  const operation = state?.operations.get(operationId);
  if (!state || !operation)
    return refuse('unknown-operation', `Opération inconnue : ${operationId}`, { kind: 'unknown' });
  if (operation.status !== 'agreed')
    return refuse('not-agreed', 'Seule une opération conventionnée, non close, reçoit des paiements', {
      kind: 'conflict',
    });
  return operation;
}

const isRefusal = (value: unknown): value is Refusal =>
  typeof value === 'object' && value !== null && (value as Refusal).refused === true;

/** A payment claim with its expense statement. */
export function decideClaim(
  operationId: string,
  claimId: string,
  expensesCents: Cents,
  final: boolean,
  trace: Trace,
  state: Programme | undefined,
): ItiEvent[] | Refusal {
  const operation = agreed(state, operationId);
  if (isRefusal(operation)) return operation;
  if (operation.claims.some((c) => c.id === claimId))
    return refuse('claim-exists', `La demande ${claimId} existe déjà`, { kind: 'conflict', field: 'claimId' });
  if (operation.claims.some((c) => c.final))
    return refuse('final-claimed', 'La demande de solde est déjà déposée', { kind: 'conflict' });
  if (expensesCents <= 0n)
    return refuse('expenses-not-positive', 'État des dépenses strictement positif', { field: 'expenses' });
  return [
    {
      type: 'iti-feder.payment-claimed',
      data: {
        programmeId: (state as Programme).id,
        operationId,
        claimId,
        expenses: toDecimalString(expensesCents),
        final,
        trace,
      },
    },
  ];
}

/**
 * Contrôle de service fait: the expenses accepted give the FEDER due at the operation's rate, never beyond what is
 * programmed, and public aid across all co-funders (their bookings in the ledger) never above the expenses.
 */
export function decideServiceDone(
  operationId: string,
  claimId: string,
  acceptedCents: Cents,
  trace: Trace,
  state: Programme | undefined,
): ItiEvent[] | Refusal {
  const operation = agreed(state, operationId);
  if (isRefusal(operation)) return operation;
  const claim = operation.claims.find((c) => c.id === claimId);
  if (!claim) return refuse('unknown-claim', `Demande inconnue : ${claimId}`, { kind: 'unknown', field: 'claimId' });
  if (claim.checked)
    return refuse('claim-checked', 'Service fait déjà contrôlé pour cette demande', { kind: 'conflict' });
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
        programmeId: (state as Programme).id,
        operationId,
        claimId,
        acceptedExpenses: toDecimalString(acceptedCents),
        payableFeder: toDecimalString(payable),
        publicAid: toDecimalString(publicAid),
        trace,
      },
    },
  ];
}

/** Pays what the control found due — never more than programmed. */
export function decidePay(
  operationId: string,
  claimId: string,
  trace: Trace,
  state: Programme | undefined,
): ItiEvent[] | Refusal {
  const operation = agreed(state, operationId);
  if (isRefusal(operation)) return operation;
  const claim = operation.claims.find((c) => c.id === claimId);
  if (!claim?.checked)
    return refuse('service-not-done', 'Le paiement suit le contrôle de service fait', { kind: 'conflict' });
  const due = claim.checked.payableFederCents - claim.paidCents;
  if (due <= 0n) return refuse('nothing-due', 'Rien à payer sur cette demande', { kind: 'conflict' });
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
        programmeId: (state as Programme).id,
        operationId,
        claimId,
        amount: toDecimalString(due),
        requestId: requestId((state as Programme).id, operation.id, 'feder', `paiement-${claimId}`),
        kind: claim.final ? 'solde' : 'acompte',
        serviceDoneDate: trace.effectiveDate,
        trace,
      },
    },
  ];
}
