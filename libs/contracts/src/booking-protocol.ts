import type { BookingAnsweredV1, BookingKey, BookingRequestedV1 } from './generated/commitments';

/**
 * The booking protocol between the programmes and the ledger (contracts/asyncapi.yaml, « booking »): a programme
 * sends `commitments.booking-requested` on one topic every programme shares; the ledger answers each line with a
 * `commitments.booking-answered` on the topic of the programme that asked, so no programme reads another's answers
 * nor the ledger's own traffic. The ledger knows no programme: a new one only picks a source name.
 */
export type BookingRequested = BookingRequestedV1;
export type BookingAnswered = BookingAnsweredV1;
export type { BookingKey };
export type RequestedLine = BookingRequested['lines'][number];

export const BOOKING_REQUESTED = 'commitments.booking-requested';
export const BOOKING_ANSWERED = 'commitments.booking-answered';
export const BOOKING_PROTOCOL_VERSION = 1;

/** Where every programme sends its requests. */
export const BOOKING_REQUESTS_TOPIC = 'commitments.booking-requests.v1';

/** Where the ledger answers the programme named `source` (« renewal-urban »), and only it. */
export function bookingAnswersTopic(source: string): string {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(source)) throw new Error(`source de demande invalide : « ${source} »`);
  return `commitments.booking-answers.${source}.v1`;
}

/** The line's key in the ledger: which request, which funder (one answer per line). */
export function lineKey(request: BookingKey, funder: string): string {
  return `${request.source}:${request.programme}:${request.operation}:v${request.version}:${request.step}:${funder}`;
}
