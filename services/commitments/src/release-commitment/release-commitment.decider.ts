import { formatEurosFr, type Cents } from '@cvl/money';
import {
  checkTrace,
  decimal,
  findCommitment,
  notBefore,
  reasonFor,
  transferId,
  tryBookings,
  type DecisionContext,
} from '../domain/booking';
import type { CommitmentsEvent, SerializedTransfer } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { accountOf, outstandingCents, type CommitmentsState } from '../domain/state';
import type { BookingTrace } from '../domain/trace';

export interface ReleaseCommitment {
  commitmentId: string;
  /** Defaults to all that remains to pay (firm) or the whole reservation (indicative, conditional). */
  amountCents?: Cents;
  trace: BookingTrace;
}

/** Dégagement: what will not be used goes back where it came from (the envelope, the funder). */
export function decideReleaseCommitment(
  command: ReleaseCommitment,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  const problem = checkTrace(command.trace);
  if (problem) return problem;
  const commitment = findCommitment(state, command.commitmentId);
  if (isRefusal(commitment)) return commitment;
  if (commitment.status === 'lapsed') return refuse('commitment-lapsed', 'Engagement caduc : rien à dégager');
  const misdated =
    reasonFor(command.trace, 'degagement', 'un dégagement') ??
    notBefore(command.trace.effectiveDate, commitment.firmSince ?? commitment.since, 'à l’engagement qu’il dégage');
  if (misdated) return misdated;
  const account = accountOf.commitment(commitment.id);
  let amount: Cents;
  let transfers: SerializedTransfer[];
  if (commitment.status === 'firm') {
    const outstanding = outstandingCents(commitment);
    amount = command.amountCents ?? outstanding;
    if (amount <= 0n) return refuse('nothing-to-release', 'Rien à dégager : tout est payé', { field: 'amount' });
    if (amount > outstanding) {
      return refuse('exceeds-outstanding', `On ne peut dégager que le reste à payer (${formatEurosFr(outstanding)})`, {
        field: 'amount',
        excessCents: amount - outstanding,
      });
    }
    transfers = [
      {
        id: transferId(context, 0),
        phase: 'single',
        debit: account,
        credit: commitment.fundingAccount,
        amount: decimal(amount),
      },
    ];
  } else {
    amount = commitment.amountCents;
    if (command.amountCents !== undefined && command.amountCents !== amount) {
      return refuse(
        'partial-release-of-reservation',
        `Une réservation se dégage en entier (${formatEurosFr(amount)}) ; pour la réduire, passez un avenant`,
        { field: 'amount' },
      );
    }
    transfers = [
      {
        id: transferId(context, 0),
        phase: 'void',
        debit: commitment.fundingAccount,
        credit: account,
        pendingId: commitment.pendingTransferId as string,
      },
    ];
  }
  const booked = tryBookings(state, [], transfers, command.trace);
  if (isRefusal(booked)) return booked;
  return [
    {
      type: 'commitments.commitment-released',
      data: {
        commitmentId: commitment.id,
        amount: decimal(amount),
        trace: command.trace,
        accounts: [],
        transfers,
        commitmentIds: [commitment.id],
      },
    },
  ];
}
