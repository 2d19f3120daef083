import { accepted, refusalOf } from '@cvl/testing';
import type { BookingOutcome } from '../domain/events';
import { approve, drafted, plan } from '../test-support/fixtures';
import { ProtocolScenario, trace } from '../test-support/scenario';
import { decideRecordBookingOutcome } from './record-booking-outcome.decider';

const outcome = (overrides: Partial<BookingOutcome> = {}): BookingOutcome => ({
  protocolId: 'npnru-call',
  operationId: 'etude-urbaine',
  funder: 'anru',
  requestId: 'npnru-call:etude-urbaine:v1:anru',
  planVersion: 1,
  outcome: 'booked',
  commitmentId: 'npnru-call.etude-urbaine.v1.anru',
  trace: trace('2016-06-21'),
  ...overrides,
});

describe('the ledger’s answer to a funder line of an approved plan', () => {
  it('is recorded once: the same answer twice records nothing, an answer to an older plan version never overrides', () => {
    const s = drafted(new ProtocolScenario())
      .given(plan([['anru', 15_000_000n]], 15_000_000n))
      .given(approve());
    refusalOf(
      s.when((st) => decideRecordBookingOutcome(outcome({ operationId: 'inconnue' }), st)),
      'unknown-operation',
    );
    refusalOf(
      new ProtocolScenario().when((st) => decideRecordBookingOutcome(outcome(), st)),
      'unknown-protocol',
    );
    expect(accepted(s.when((st) => decideRecordBookingOutcome(outcome(), st))).map((e) => e.type)).toEqual([
      'renewal-urban.funder-line-booking-recorded',
    ]);
    expect(accepted(s.when((st) => decideRecordBookingOutcome(outcome(), st)))).toEqual([]);
    // The plan's second version answered, then a late answer to the first: the second stays.
    const second = outcome({
      requestId: 'npnru-call:etude-urbaine:v2:anru',
      planVersion: 2,
      outcome: 'refused',
      commitmentId: undefined,
      reason: 'enveloppe ANRU dépassée',
    });
    accepted(s.when((st) => decideRecordBookingOutcome(second, st)));
    expect(accepted(s.when((st) => decideRecordBookingOutcome(outcome(), st)))).toEqual([]);
    expect(s.state?.operations.get('etude-urbaine')?.bookings.get('anru')).toMatchObject({
      planVersion: 2,
      outcome: 'refused',
      reason: 'enveloppe ANRU dépassée',
    });
  });
});
