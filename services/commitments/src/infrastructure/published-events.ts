import {
  BOOKING_ANSWERED,
  BOOKING_PROTOCOL_VERSION,
  bookingAnswersTopic,
  type BookingAnswered,
  type BookingKey,
} from '@cvl/contracts';
import type { JsonObject, RecordedEvent } from '@cvl/event-store';
import { topicFor, without, type OutboundTranslator, type PublishedMessage } from '@cvl/messaging';
import type { BookingRequest } from '../domain/events';
import type { BookingTrace } from '../domain/trace';

/**
 * The ledger's double-entry bookkeeping — its accounts, its transfers, the account a commitment is funded from,
 * the pending transfer it holds — stays inside: a consumer that read them would tie itself to how the ledger keeps
 * its books rather than to what it publishes (contracts/events/commitments does not name them).
 */
export const LEDGER_INTERNALS = ['accounts', 'transfers', 'fundingAccount', 'pendingTransferId'] as const;

/** The key of the request a stored booking answers, when it was recorded with one (since the booking protocol). */
function keyOf(request: BookingRequest | undefined): BookingKey | undefined {
  if (!request?.protocolId || !request.operationId || request.version === undefined || !request.step) return undefined;
  return {
    source: request.source,
    programme: request.protocolId,
    operation: request.operationId,
    version: request.version,
    step: request.step,
  };
}

/** The answer to one requested line that a stored ledger event gives, if it gives one. */
export function answerOf(event: RecordedEvent): BookingAnswered | undefined {
  const d = event.data as unknown as {
    request?: BookingRequest;
    funder: string;
    amount: string;
    commitmentId?: string;
    change?: 'firmed' | 'amended' | 'unchanged' | 'paid' | 'released';
    code?: string;
    reason?: string;
    trace: BookingTrace;
  };
  const key = keyOf(d.request);
  if (!key) return undefined;
  const trace = { effectiveDate: d.trace.effectiveDate, source: d.trace.source };
  switch (event.type) {
    case 'commitments.commitment-recorded':
    case 'commitments.booking-request-applied':
      return {
        request: key,
        funder: d.funder,
        amount: d.amount,
        outcome: 'booked',
        commitmentId: d.commitmentId as string,
        change: d.change ?? 'recorded',
        trace,
      };
    case 'commitments.booking-request-refused':
      return {
        request: key,
        funder: d.funder,
        amount: d.amount,
        outcome: 'refused',
        refusal: { code: d.code as string, reason: d.reason as string },
        trace,
      };
    default:
      return undefined;
  }
}

/**
 * What the ledger publishes of each stored event: the event without the ledger's internals on its topic, and —
 * when it answers a programme's line — `commitments.booking-answered` on that programme's topic.
 */
export const publishedLedgerEvents: OutboundTranslator = (event) => {
  const messages: PublishedMessage[] = [
    { topic: topicFor('commitments'), type: event.type, data: without(event.data, LEDGER_INTERNALS) },
  ];
  const answer = answerOf(event);
  if (answer)
    messages.push({
      topic: bookingAnswersTopic(answer.request.source),
      type: BOOKING_ANSWERED,
      schemaVersion: BOOKING_PROTOCOL_VERSION,
      data: answer as unknown as JsonObject,
      idSuffix: 'answer',
    });
  return messages;
};
