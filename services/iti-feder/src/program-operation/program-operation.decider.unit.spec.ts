import { refusalOf } from '@cvl/testing';
import { decideAppraise, decideComplete } from '../appraise-application/appraise-application.decider';
import { decideSetEnvelope } from '../set-envelope/set-envelope.decider';
import { application, envelope, ItiScenario, strategy, through, trace } from '../test-support/scenario';
import { decideProgram } from './program-operation.decider';

describe('programming: never beyond the axis envelope', () => {
  it('never programs an axis beyond its envelope, and says by how much', () => {
    const s = new ItiScenario().given(envelope).given(strategy);
    s.given((st) =>
      decideSetEnvelope(
        {
          programmeId: 'iti-call',
          axes: [
            { axis: 3, label: 'Axe 3', amountCents: 3_600_000_000n, callShareCents: 100_000_000n },
            { axis: 4, label: 'Axe 4', amountCents: 2_700_000_000n },
          ],
          act: { reference: 'Avenant', date: '2015-12-31' },
          trace: trace(),
        },
        st,
      ),
    );
    s.given(application('op1')).given(
      application('op2', { federCents: 30_000_000n, eligibleCostCents: 100_000_000n, coFunders: [] }),
    );
    through(s, 'op1');
    s.given((st) => decideComplete('op2', trace(), st)).given((st) => decideAppraise('op2', trace(), st));
    const refused = refusalOf(
      s.when((st) => decideProgram('op2', '2016-06-15', trace(), st)),
      'axis-envelope-exceeded',
    );
    expect(refused.excessCents).toBe(10_000_000n);
    expect(refused.message).toContain('100 000,00 €');
  });
});
