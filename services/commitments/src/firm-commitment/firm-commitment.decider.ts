import type { Cents } from '@cvl/money';
import {
  type DecisionContext,
  checkAmount,
  checkTrace,
  decimal,
  findCommitment,
  notBefore,
  reasonFor,
  transferId,
  tryBookings,
} from '../domain/booking';
import type { CommitmentsEvent, SerializedTransfer } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { accountOf, type CommitmentsState } from '../domain/state';
import type { BookingTrace, LegalAct } from '../domain/trace';

export interface FirmCommitment {
  commitmentId: string;
  act: LegalAct;
  /** The amount the act binds; defaults to the indicative amount. Less releases the rest, more books the difference. */
  amountCents?: Cents;
  trace: BookingTrace;
}

/** The legal act turns an intention into a firm commitment (a conditional one waits for its condition). */
export function decideFirmCommitment(
  command: FirmCommitment,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  const traceProblem = checkTrace(command.trace);
  if (traceProblem) return traceProblem;
  if (!command.act?.reference?.trim())
    return refuse('act-required', 'Référence de l’acte juridique obligatoire', { field: 'act.reference' });
  const commitment = findCommitment(state, command.commitmentId);
  if (isRefusal(commitment)) return commitment;
  const misdated =
    reasonFor(command.trace, ['engagement-juridique', 'correction'], 'un affermissement') ??
    notBefore(command.trace.effectiveDate, commitment.since, 'à l’inscription de l’engagement') ??
    notBefore(command.trace.effectiveDate, command.act.date, 'à l’acte qui le rend ferme');
  if (misdated) return misdated;
  if (commitment.status === 'conditional') {
    return refuse(
      'awaits-condition',
      `Cet engagement attend la condition ${commitment.conditionId} : il devient ferme quand elle est remplie`,
    );
  }
  if (commitment.status !== 'indicative')
    return refuse('not-indicative', `Engagement déjà ${commitment.status === 'firm' ? 'ferme' : 'caduc'}`);
  const amount = command.amountCents ?? commitment.amountCents;
  const amountProblem = checkAmount(amount);
  if (amountProblem) return amountProblem;
  const pendingId = commitment.pendingTransferId as string;
  const account = accountOf.commitment(commitment.id);
  const extra = amount - commitment.amountCents;
  const transfers: SerializedTransfer[] = [
    {
      id: transferId(context, 0),
      phase: 'post',
      debit: commitment.fundingAccount,
      credit: account,
      pendingId,
      amount: decimal(extra > 0n ? commitment.amountCents : amount),
      ...(extra > 0n ? { linked: true } : {}),
    },
  ];
  if (extra > 0n)
    transfers.push({
      id: transferId(context, 1),
      phase: 'single',
      debit: commitment.fundingAccount,
      credit: account,
      amount: decimal(extra),
    });
  const booked = tryBookings(state, [], transfers, command.trace);
  if (isRefusal(booked)) return booked;
  return [
    {
      type: 'commitments.commitment-firmed',
      data: {
        commitmentId: commitment.id,
        act: command.act,
        before: decimal(commitment.amountCents),
        amount: decimal(amount),
        trace: command.trace,
        accounts: [],
        transfers,
        commitmentIds: [commitment.id],
      },
    },
  ];
}
