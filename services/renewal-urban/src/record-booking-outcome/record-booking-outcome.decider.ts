import type { BookingOutcome, RenewalEvent } from '../domain/events';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { WITHDRAWAL_STEP, type Protocol } from '../domain/state';

/**
 * The ledger's answer to a funder line: booked (with its commitment) or refused (with the ledger's reason). The
 * same answer delivered twice records nothing the second time.
 */
export function decideRecordBookingOutcome(
  outcome: BookingOutcome,
  state: Protocol | undefined,
): RenewalEvent[] | Refusal {
  if (!state) return refuse('unknown-protocol', 'Protocole inconnu');
  const operation = state.operations.get(outcome.operationId);
  if (!operation) return refuse('unknown-operation', `Opération inconnue : ${outcome.operationId}`);
  if (outcome.step === WITHDRAWAL_STEP) {
    const released = operation.releases?.get(outcome.funder);
    return released && released.outcome === outcome.outcome
      ? []
      : [{ type: 'renewal-urban.funder-line-booking-recorded', data: outcome }];
  }
  const known = operation.bookings.get(outcome.funder);
  if (known && known.requestId === outcome.requestId && known.outcome === outcome.outcome) return [];
  if (known && known.planVersion > outcome.planVersion) return [];
  return [{ type: 'renewal-urban.funder-line-booking-recorded', data: outcome }];
}
