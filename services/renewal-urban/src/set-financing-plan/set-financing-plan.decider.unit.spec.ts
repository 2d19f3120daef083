import { decideFormPurchasingGroup } from '../draft-protocol/draft-protocol.decider';
import { draft, drafted, group, operation, plan } from '../test-support/fixtures';
import { accepted, refusalOf } from '@cvl/testing';
import { ProtocolScenario, trace } from '../test-support/scenario';
import { decideSetFinancingPlan } from './set-financing-plan.decider';
import type { RateCapRule } from '../domain/rules';

describe('financing plan rules', () => {
  it('accepts a plan that adds up to the eligible base, ANRU at 50 %, the rest shared by the purchasing group’s key', () => {
    const s = drafted(new ProtocolScenario());
    const [event] = accepted(s.when(plan([['anru', 15_000_000n]], 15_000_000n)));
    expect(event.type === 'renewal-urban.financing-plan-set' && event.data.lines).toEqual([
      { funder: 'anru', amount: '150000.00', rateBasisPoints: 5_000 },
      { funder: 'call', amount: '60000.00', rateBasisPoints: 2_000 },
      { funder: 'ville-lens', amount: '30000.00', rateBasisPoints: 1_000 },
      { funder: 'ville-avion', amount: '30000.00', rateBasisPoints: 1_000 },
      { funder: 'ville-lievin', amount: '30000.00', rateBasisPoints: 1_000 },
    ]);
  });

  it('splits nothing while the group’s key is still to be set, and splits once the group is formed again with one', () => {
    const unweighted = (members: string[]) => (state: Parameters<typeof decideFormPurchasingGroup>[1]) =>
      decideFormPurchasingGroup({ members: members.map((code) => ({ code })), trace: trace('2015-11-01') }, state);
    const s = new ProtocolScenario()
      .given(draft)
      .given(unweighted(['call', 'ville-lens', 'ville-avion', 'ville-lievin']))
      .given(operation());
    expect(s.state?.purchasingGroup.map((m) => m.weight)).toEqual([undefined, undefined, undefined, undefined]);
    expect(refusalOf(s.when(plan([['anru', 15_000_000n]], 15_000_000n)), 'group-key-undefined').field).toBe(
      'groupShare',
    );
    s.given(group);
    expect(accepted(s.when(plan([['anru', 15_000_000n]], 15_000_000n)))).toHaveLength(1);
  });

  it('splits the group’s share to the cent by the key, whatever the amount', () => {
    const s = drafted(new ProtocolScenario());
    s.given(plan([['anru', 14_999_999n]], 15_000_001n));
    const lines = s.state?.operations.get('etude-urbaine')?.plan ?? [];
    expect(lines.map((l) => l.amount)).toEqual(['149999.99', '60000.01', '30000.00', '30000.00', '30000.00']);
    expect(lines.reduce((sum, l) => sum + BigInt(l.amount.replace('.', '')), 0n)).toBe(30_000_000n);
  });

  it('rounds each line’s rate half-up to 0,01 % (two thirds of 300 000,00 € is 66,67 %, not 66,66 %)', () => {
    const s = drafted(new ProtocolScenario());
    const [event] = accepted(
      s.when(
        plan([
          ['call', 20_000_000n],
          ['ville-lens', 10_000_000n],
        ]),
      ),
    );
    expect(event.type === 'renewal-urban.financing-plan-set' && event.data.lines.map((l) => l.rateBasisPoints)).toEqual(
      [6_667, 3_333],
    );
  });

  it('refuses a plan that leaves a gap or over-finances the base, saying by how much', () => {
    const s = drafted(new ProtocolScenario());
    expect(
      refusalOf(
        s.when(
          plan([
            ['anru', 15_000_000n],
            ['call', 14_000_000n],
          ]),
        ),
        'plan-short',
      ),
    ).toMatchObject({ excessCents: 1_000_000n, field: 'lines' });
    const over = refusalOf(
      s.when(
        plan([
          ['anru', 15_000_000n],
          ['call', 16_000_000n],
        ]),
      ),
      'plan-over-financed',
    );
    expect(over.message).toContain('10 000,00 €');
  });

  it('refuses ANRU above 50 % on studies, naming the rule and the excess', () => {
    const s = drafted(new ProtocolScenario());
    const refused = refusalOf(
      s.when(
        plan([
          ['anru', 18_000_000n],
          ['call', 12_000_000n],
        ]),
      ),
      'rate-cap-exceeded',
    );
    expect(refused).toMatchObject({ field: 'lines[0].amount', excessCents: 3_000_000n });
    expect(refused.message).toContain('60,00 %');
    expect(refused.message).toContain('50,00 %');
    expect(refused.message).toContain('30 000,00 €');
  });

  it('does not cap ANRU on a nature the rule does not cover (demolition)', () => {
    const s = drafted(new ProtocolScenario());
    s.given((state) =>
      require('../add-operation/add-operation.decider').decideAddOperation(
        {
          operationId: 'demolition',
          label: 'Démolition',
          nature: 'demolition',
          projectOwner: 'maisons-et-cites',
          quartier: 'QP062024',
          eligibleBaseCents: 100_000n,
          start: '2017-01-01',
          end: '2017-12-31',
          costsFrom: '2017-01-01',
          trace: trace(),
        },
        state,
      ),
    );
    accepted(
      s.when(
        plan(
          [
            ['anru', 80_000n],
            ['maisons-et-cites', 20_000n],
          ],
          undefined,
          'demolition',
        ),
      ),
    );
  });

  it('applies a later rule version from its date only, without rewriting earlier operations', () => {
    const rules: RateCapRule[] = [
      {
        id: 'v1',
        from: '2014-02-21',
        funder: 'anru',
        natures: ['etude'],
        maxRateBasisPoints: 5_000,
        source: 'RGA 2015',
      },
      {
        id: 'v2',
        from: '2017-01-01',
        funder: 'anru',
        natures: ['etude'],
        maxRateBasisPoints: 7_000,
        source: 'RGA 2017',
      },
    ];
    const s = drafted(new ProtocolScenario());
    const sixty = (operationId: string) => (state: ProtocolScenario['state']) =>
      decideSetFinancingPlan(
        {
          operationId,
          lines: [
            { funder: 'anru', amountCents: 18_000_000n },
            { funder: 'call', amountCents: 12_000_000n },
          ],
          trace: trace(),
        },
        state,
        rules,
      );
    expect(refusalOf(s.when(sixty('etude-urbaine')), 'rate-cap-exceeded').message).toContain('RGA 2015');
    s.given((state) =>
      require('../add-operation/add-operation.decider').decideAddOperation(
        {
          operationId: 'etude-2017',
          label: 'Étude 2017',
          nature: 'etude',
          projectOwner: 'call',
          quartier: 'QP062019',
          eligibleBaseCents: 30_000_000n,
          start: '2017-03-01',
          end: '2017-12-31',
          costsFrom: '2017-03-01',
          trace: trace(),
        },
        state,
      ),
    );
    accepted(s.when(sixty('etude-2017')));
  });

  it('refuses a funder who is not a party, a funder twice, a null line, a group share on an operation the group does not buy', () => {
    const s = drafted(new ProtocolScenario());
    expect(refusalOf(s.when(plan([['region', 30_000_000n]])), 'funder-not-party').field).toBe('lines[0].funder');
    refusalOf(
      s.when(
        plan([
          ['call', 15_000_000n],
          ['call', 15_000_000n],
        ]),
      ),
      'duplicate-funder',
    );
    refusalOf(
      s.when(
        plan([
          ['anru', 0n],
          ['call', 30_000_000n],
        ]),
      ),
      'amount-not-positive',
    );
    refusalOf(
      s.when(
        plan(
          [
            ['anru', 15_000_000n],
            ['call', 15_000_000n],
          ],
          undefined,
          'nope',
        ),
      ),
      'unknown-operation',
    );
    s.given((state) =>
      require('../add-operation/add-operation.decider').decideAddOperation(
        {
          operationId: 'solo',
          label: 'Solo',
          nature: 'etude',
          projectOwner: 'call',
          quartier: 'QP062024',
          eligibleBaseCents: 100n,
          start: '2016-03-01',
          end: '2016-04-01',
          costsFrom: '2016-03-01',
          trace: trace(),
        },
        state,
      ),
    );
    refusalOf(s.when(plan([['anru', 50n]], 50n, 'solo')), 'not-bought-by-group');
  });
});
