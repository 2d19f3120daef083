import { isIsoDate } from '@cvl/ledger';
import type { Cents } from '@cvl/money';
import {
  checkAmount,
  checkTrace,
  decimal,
  findCommitment,
  notBefore,
  reasonFor,
  transferId,
  tryBookings,
  type DecisionContext,
} from '../domain/booking';
import type { CommitmentsEvent, PaymentKind } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { accountOf, type CommitmentsState } from '../domain/state';
import type { BookingTrace } from '../domain/trace';

export interface RecordPayment {
  commitmentId: string;
  paymentId: string;
  kind: PaymentKind;
  amountCents: Cents;
  /** Date of the service fait: required for an acompte and the solde, not for an avance. */
  serviceDoneDate?: string;
  trace: BookingTrace;
}

/** Pays a firm commitment in instalments (avance, acomptes, solde), never beyond it; nothing after the solde. */
export function decideRecordPayment(
  command: RecordPayment,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  const problem = checkTrace(command.trace) ?? checkAmount(command.amountCents);
  if (problem) return problem;
  const commitment = findCommitment(state, command.commitmentId);
  if (isRefusal(commitment)) return commitment;
  if (commitment.status !== 'firm')
    return refuse('not-firm', 'Seul un engagement ferme (acte juridique) peut être payé');
  const misdated =
    reasonFor(command.trace, 'paiement', 'un paiement') ??
    notBefore(command.trace.effectiveDate, commitment.firmSince, 'à l’engagement ferme qu’il paie');
  if (misdated) return misdated;
  if (commitment.payments.some((p) => p.id === command.paymentId))
    return refuse('payment-exists', `Le paiement ${command.paymentId} est déjà enregistré`, {
      field: 'paymentId',
    });
  if (commitment.payments.some((p) => p.kind === 'solde'))
    return refuse('balance-paid', 'Le solde est déjà payé : l’engagement est clos');
  if (command.kind !== 'avance' && !isIsoDate(command.serviceDoneDate)) {
    return refuse(
      'service-done-required',
      'Un acompte ou un solde suppose le service fait : date attendue (AAAA-MM-JJ)',
      { field: 'serviceDoneDate' },
    );
  }
  const transfers = [
    {
      id: transferId(context, 0),
      phase: 'single' as const,
      debit: accountOf.commitment(commitment.id),
      credit: accountOf.funderPayments(commitment.funder),
      amount: decimal(command.amountCents),
    },
  ];
  const booked = tryBookings(state, [], transfers, command.trace);
  if (isRefusal(booked)) return booked;
  return [
    {
      type: 'commitments.payment-recorded',
      data: {
        commitmentId: commitment.id,
        paymentId: command.paymentId,
        kind: command.kind,
        amount: decimal(command.amountCents),
        ...(command.serviceDoneDate ? { serviceDoneDate: command.serviceDoneDate } : {}),
        trace: command.trace,
        accounts: [],
        transfers,
        commitmentIds: [commitment.id],
      },
    },
  ];
}
