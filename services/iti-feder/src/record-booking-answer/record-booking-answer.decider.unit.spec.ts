import { accepted, refusalOf } from '@cvl/testing';
import { decideRecordAnswer, type BookingAnswer } from './record-booking-answer.decider';
import { application, envelope, ItiScenario, strategy, through, trace } from '../test-support/scenario';

const answer = (overrides: Partial<BookingAnswer> = {}): BookingAnswer => ({
  operationId: 'op',
  funder: 'region',
  requestId: 'r-region',
  outcome: 'booked',
  amount: '400000.00',
  trace: trace(),
  ...overrides,
});

describe('the ledger’s answer for a line of an operation', () => {
  it('is recorded once per change: the same answer twice records nothing, another outcome is recorded', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    through(s, 'op');
    refusalOf(
      s.when((st) => decideRecordAnswer(answer({ operationId: 'inconnue' }), st)),
      'unknown-operation',
    );
    expect(accepted(s.when((st) => decideRecordAnswer(answer(), st))).map((e) => e.type)).toEqual([
      'iti-feder.booking-answered',
    ]);
    expect(accepted(s.when((st) => decideRecordAnswer(answer(), st)))).toEqual([]);
    const refused = accepted(
      s.when((st) =>
        decideRecordAnswer(answer({ outcome: 'refused', amount: undefined, reason: 'enveloppe dépassée' }), st),
      ),
    );
    expect(refused).toEqual([
      expect.objectContaining({
        type: 'iti-feder.booking-answered',
        data: expect.objectContaining({ outcome: 'refused', reason: 'enveloppe dépassée' }),
      }),
    ]);
    expect(s.state?.operations.get('op')?.bookings.get('region')).toMatchObject({ outcome: 'refused' });
  });
});
