import type { BookingRequest, Bookings, CommitmentsEvent } from './events';

/**
 * The consistency boundary of the ledger's decisions (Dynamic Consistency Boundaries, see the README's design
 * notes): every event is tagged with what it concerns, and a command appends on the condition that no event
 * written since the state it decided on shares a tag with its own events. Two commands conflict only when they
 * concern the same commitment, envelope, condition, pool or reference — never because the ledger is busy.
 *
 * The rule that makes this sound: a decision may only depend on what its own events are tagged with. What a
 * decision reads, it touches (a commitment on an envelope draws on it; resolving a condition moves its awaiting
 * commitments; a split moves its pool and makes its parts), with two reads that touch nothing and are named here:
 * - a requested line looks for the commitment an earlier version of it booked (`requested-line:…`);
 * - a requested line without an envelope looks for the funder's envelope of its programme (`programme-envelope:…`),
 *   which an envelope opened for that programme also carries.
 * The funder's own accounts (resources, payments) carry no limit: nothing decided depends on their balance, so
 * they are not tags (a funder's commitments do not conflict with each other).
 */
export const tag = {
  commitment: (id: string) => `commitment:${id}`,
  envelope: (id: string) => `envelope:${id}`,
  condition: (id: string) => `condition:${id}`,
  reference: (kind: string, code: string) => `reference:${kind}/${code}`,
  requestedLine: (request: BookingRequest, funder: string) =>
    `requested-line:${request.source}/${request.protocolId ?? '-'}/${request.operationId ?? '-'}/${funder}`,
  programmeEnvelope: (funder: string, programme: string) => `programme-envelope:${funder}/${programme}`,
};

const ACCOUNT_TAGS: Array<[prefix: string, toTag: (id: string) => string]> = [
  ['envelope:', tag.envelope],
  ['commitment:', tag.commitment],
];

function bookingTags(bookings: Bookings, into: Set<string>): void {
  for (const id of bookings.commitmentIds) into.add(tag.commitment(id));
  for (const transfer of bookings.transfers) {
    for (const account of [transfer.debit, transfer.credit]) {
      for (const [prefix, toTag] of ACCOUNT_TAGS)
        if (account.startsWith(prefix)) into.add(toTag(account.slice(prefix.length)));
    }
  }
}

/** What an event concerns, in a stable order. */
export function tagsOf(event: CommitmentsEvent): string[] {
  const tags = new Set<string>();
  switch (event.type) {
    case 'commitments.reference-recorded':
      tags.add(tag.reference(event.data.kind, event.data.code));
      break;
    case 'commitments.envelope-opened':
      tags.add(tag.envelope(event.data.envelopeId));
      if (event.data.programme) tags.add(tag.programmeEnvelope(event.data.funder, event.data.programme));
      bookingTags(event.data, tags);
      break;
    case 'commitments.condition-registered':
      tags.add(tag.condition(event.data.conditionId));
      break;
    case 'commitments.commitment-recorded': {
      const d = event.data;
      tags.add(tag.commitment(d.commitmentId));
      if (d.envelopeId) tags.add(tag.envelope(d.envelopeId));
      if (d.conditionId) tags.add(tag.condition(d.conditionId));
      if (d.poolId) tags.add(tag.commitment(d.poolId));
      if (d.request) {
        tags.add(tag.requestedLine(d.request, d.funder));
        if (d.attribution.programme) tags.add(tag.programmeEnvelope(d.funder, d.attribution.programme));
      }
      bookingTags(d, tags);
      break;
    }
    case 'commitments.commitment-made-conditional':
      tags.add(tag.commitment(event.data.commitmentId));
      tags.add(tag.condition(event.data.conditionId));
      for (const id of event.data.commitmentIds) tags.add(tag.commitment(id));
      break;
    case 'commitments.condition-resolved':
      tags.add(tag.condition(event.data.conditionId));
      // Each commitment changes status, even one whose reservation stays pending (met without its own act).
      for (const id of event.data.commitmentIds) tags.add(tag.commitment(id));
      bookingTags(event.data, tags);
      break;
    case 'commitments.commitment-firmed':
    case 'commitments.commitment-amended':
    case 'commitments.payment-recorded':
    case 'commitments.commitment-released':
      tags.add(tag.commitment(event.data.commitmentId));
      bookingTags(event.data, tags);
      break;
    case 'commitments.pool-split':
      tags.add(tag.commitment(event.data.poolId));
      for (const part of event.data.parts) tags.add(tag.commitment(part.commitmentId));
      bookingTags(event.data, tags);
      break;
    case 'commitments.booking-request-refused':
      tags.add(tag.requestedLine(event.data.request, event.data.funder));
      break;
    case 'commitments.booking-request-applied':
      tags.add(tag.commitment(event.data.commitmentId));
      tags.add(tag.requestedLine(event.data.request, event.data.funder));
      for (const id of event.data.commitmentIds) tags.add(tag.commitment(id));
      break;
  }
  return [...tags];
}
