import { fromDecimalString } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import type { Programme } from '../domain/state';

export interface BookingAnswer {
  operationId: string;
  funder: string;
  requestId: string;
  outcome: 'booked' | 'refused';
  amount?: string;
  reason?: string;
  trace: Trace;
}

/** What the ledger answered for a line; the same answer twice records nothing. */
export function decideRecordAnswer(answer: BookingAnswer, state: Programme | undefined): ItiEvent[] | Refusal {
  const operation = state?.operations.get(answer.operationId);
  if (!state || !operation) return refuse('unknown-operation', `Opération inconnue : ${answer.operationId}`);
  const known = operation.bookings.get(answer.funder);
  if (
    known &&
    known.outcome === answer.outcome &&
    known.amountCents === (answer.amount === undefined ? undefined : fromDecimalString(answer.amount))
  )
    return [];
  return [{ type: 'iti-feder.booking-answered', data: { programmeId: state.id, ...answer } }];
}
