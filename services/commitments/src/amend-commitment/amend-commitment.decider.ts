import { formatEurosFr, type Cents } from '@cvl/money';
import {
  checkAmount,
  checkTrace,
  decimal,
  findCommitment,
  notBefore,
  transferId,
  tryBookings,
  type DecisionContext,
} from '../domain/booking';
import type { CommitmentsEvent, SerializedTransfer } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { accountOf, type CommitmentsState } from '../domain/state';
import type { BookingTrace, LegalAct } from '../domain/trace';

export interface AmendCommitment {
  commitmentId: string;
  kind: 'avenant' | 'clause-de-revoyure' | 'correction';
  newAmountCents: Cents;
  act?: LegalAct;
  trace: BookingTrace;
}

/**
 * An avenant, a clause de revoyure or a correction changes what is committed by a new booking, never by an edit:
 * more is booked on top, less is reversed (never below what is already paid); a reservation is replaced.
 */
export function decideAmendCommitment(
  command: AmendCommitment,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  const problem = checkTrace(command.trace) ?? checkAmount(command.newAmountCents, 'newAmount');
  if (problem) return problem;
  if (command.trace.reasonCode !== command.kind) {
    return refuse('reason-mismatch', `Le motif de l’écriture doit être « ${command.kind} »`, {
      field: 'trace.reasonCode',
    });
  }
  const commitment = findCommitment(state, command.commitmentId);
  if (isRefusal(commitment)) return commitment;
  if (commitment.status === 'lapsed') return refuse('commitment-lapsed', 'Engagement caduc : rien à modifier');
  const misdated = notBefore(command.trace.effectiveDate, commitment.since, 'à l’inscription de l’engagement');
  if (misdated) return misdated;
  if (command.kind === 'avenant' && commitment.status === 'firm' && !command.act) {
    return refuse('act-required', 'Un avenant à un engagement ferme cite l’avenant signé', { field: 'act' });
  }
  const before = commitment.amountCents;
  const delta = command.newAmountCents - before;
  if (delta === 0n)
    return refuse('amount-unchanged', `Le montant est déjà de ${formatEurosFr(before)}`, {
      field: 'newAmount',
    });
  if (commitment.status === 'firm' && command.newAmountCents < commitment.paidCents) {
    return refuse(
      'below-paid',
      `Impossible de ramener l’engagement sous ce qui est déjà payé (${formatEurosFr(commitment.paidCents)})`,
      {
        field: 'newAmount',
        excessCents: commitment.paidCents - command.newAmountCents,
      },
    );
  }
  const account = accountOf.commitment(commitment.id);
  let transfers: SerializedTransfer[];
  let pendingTransferId: string | undefined;
  if (commitment.status === 'firm') {
    transfers = [
      delta > 0n
        ? {
            id: transferId(context, 0),
            phase: 'single',
            debit: commitment.fundingAccount,
            credit: account,
            amount: decimal(delta),
          }
        : {
            id: transferId(context, 0),
            phase: 'single',
            debit: account,
            credit: commitment.fundingAccount,
            amount: decimal(-delta),
          },
    ];
  } else {
    pendingTransferId = transferId(context, 1);
    transfers = [
      {
        id: transferId(context, 0),
        phase: 'void',
        debit: commitment.fundingAccount,
        credit: account,
        pendingId: commitment.pendingTransferId as string,
        linked: true,
      },
      {
        id: pendingTransferId,
        phase: 'pending',
        debit: commitment.fundingAccount,
        credit: account,
        amount: decimal(command.newAmountCents),
      },
    ];
  }
  const booked = tryBookings(state, [], transfers, command.trace, 'newAmount');
  if (isRefusal(booked)) return booked;
  return [
    {
      type: 'commitments.commitment-amended',
      data: {
        commitmentId: commitment.id,
        kind: command.kind,
        ...(command.act ? { act: command.act } : {}),
        before: decimal(before),
        after: decimal(command.newAmountCents),
        ...(pendingTransferId ? { pendingTransferId } : {}),
        trace: command.trace,
        accounts: [],
        transfers,
        commitmentIds: [commitment.id],
      },
    },
  ];
}
