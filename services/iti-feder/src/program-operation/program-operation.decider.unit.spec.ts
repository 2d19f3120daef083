import { accepted, refusalOf } from '@cvl/testing';
import { decideCompleteApplication } from '../complete-application/complete-application.decider';
import { decideAppraiseApplication } from '../appraise-application/appraise-application.decider';
import { decideProgramOperation } from './program-operation.decider';
import { decideSetEnvelope } from '../set-envelope/set-envelope.decider';
import { application, envelope, ItiScenario, strategy, through, trace } from '../test-support/scenario';

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
    s.given((st) => decideCompleteApplication({ operationId: 'op2', trace: trace() }, st)).given((st) =>
      decideAppraiseApplication({ operationId: 'op2', trace: trace() }, st),
    );
    const refused = refusalOf(
      s.when((st) => decideProgramOperation({ operationId: 'op2', committeeDate: '2016-06-15', trace: trace() }, st)),
      'axis-envelope-exceeded',
    );
    expect(refused.excessCents).toBe(10_000_000n);
    expect(refused.message).toContain('100 000,00 €');
  });

  it('programs what the appraisal kept: the dwellings that passed, their cost and aid, for the ledger to book', () => {
    const s = new ItiScenario()
      .given(envelope)
      .given(strategy)
      .given(
        application('op', {
          dwellings: [
            { id: 'L1', classBefore: 'F', consumptionAfter: 95 },
            { id: 'L2', classBefore: 'F', consumptionAfter: 140 },
          ],
        }),
      );
    s.given((st) => decideCompleteApplication({ operationId: 'op', trace: trace() }, st)).given((st) =>
      decideAppraiseApplication({ operationId: 'op', trace: trace() }, st),
    );
    const [programmed] = accepted(
      s.when((st) => decideProgramOperation({ operationId: 'op', committeeDate: '2016-06-15', trace: trace() }, st)),
    );
    if (programmed.type !== 'iti-feder.operation-programmed') throw new Error(programmed.type);
    expect(programmed.data.feder).toBe('400000.00');
    expect(programmed.data.lines.map((l) => [l.funder, l.amount])).toEqual([
      ['feder', '400000.00'],
      ['region', '200000.00'],
      ['call', '100000.00'],
    ]);
    expect(programmed.data.operation?.eligibleBase).toBe('1000000.00');
  });
});
