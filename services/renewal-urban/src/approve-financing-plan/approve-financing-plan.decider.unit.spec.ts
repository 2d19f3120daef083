import { accepted, refusalOf } from '@cvl/testing';
import { approve, committee, drafted, plan, sign, submit } from '../test-support/fixtures';
import { ProtocolScenario } from '../test-support/scenario';

describe('approving a financing plan', () => {
  it('approving a plan asks the ledger to book each line: indicative before signature, firm after, once per plan version', () => {
    const s = drafted(new ProtocolScenario()).given(plan([['anru', 15_000_000n]], 15_000_000n));
    const [before] = accepted(s.when(approve()));
    expect(before.type === 'renewal-urban.financing-plan-approved' && before.data).toMatchObject({
      bookingStatus: 'indicative',
      planVersion: 1,
      lines: expect.arrayContaining([
        expect.objectContaining({ funder: 'anru', requestId: 'npnru-call:etude-urbaine:v1:anru' }),
      ]),
    });
    refusalOf(s.when(approve()), 'plan-already-approved');
    s.given(submit)
      .given(committee('2016-02-15'))
      .given(sign)
      .given(plan([['anru', 15_000_000n]], 15_000_000n));
    const [after] = accepted(s.when(approve()));
    expect(after.type === 'renewal-urban.financing-plan-approved' && after.data).toMatchObject({
      bookingStatus: 'firm',
      planVersion: 2,
      act: { reference: 'Protocole de préfiguration NPNRU CALL' },
    });
    refusalOf(s.when(approve('nope')), 'unknown-operation');
  });
});
