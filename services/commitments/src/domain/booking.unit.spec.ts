import { baseline } from '../test-support/fixtures';
import { Scenario, trace } from '../test-support/scenario';
import { tryBookings } from './booking';
import { isRefusal } from '@cvl/refusal';

describe('tryBookings', () => {
  it('turns a ledger refusal the deciders did not foresee into a refusal naming the ledger’s reason, never a silent write', () => {
    const s = baseline(new Scenario());
    const result = tryBookings(
      s.state,
      [],
      [{ id: 't', phase: 'single', debit: 'funder:mc', credit: 'commitment:nowhere', amount: '1.00' }],
      trace(),
    );
    expect(isRefusal(result) && result.code).toBe('ledger-refused');
    expect(isRefusal(result) && result.message).toContain('credit_account_not_found');
  });
});
