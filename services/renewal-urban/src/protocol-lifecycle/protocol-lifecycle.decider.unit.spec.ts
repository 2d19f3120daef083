import { decideAddOperation } from '../add-operation/add-operation.decider';
import { financialTable, tableDiff } from '../financial-table/financial-table';
import { act, amend, committee, draft, drafted, operation, plan, sign, submit } from '../test-support/fixtures';
import { decideLifecycle } from './protocol-lifecycle.decider';
import { accepted, refusalOf } from '@cvl/testing';
import { ProtocolScenario, trace } from '../test-support/scenario';

describe('protocol lifecycle: draft → submitted → comité d’engagement → signed → amended', () => {
  it('only costs after the comité d’engagement are eligible', () => {
    const s = drafted(new ProtocolScenario())
      .given(plan([['anru', 15_000_000n]], 15_000_000n))
      .given(submit);
    expect(refusalOf(s.when(committee('2016-04-01')), 'costs-before-committee').message).toContain(
      'etude-urbaine (2016-03-01)',
    );
    s.given(committee('2016-02-15'));
    expect(
      refusalOf(s.when(operation({ operationId: 'late', costsFrom: '2016-01-01' })), 'costs-before-committee').field,
    ).toBe('costsFrom');
    accepted(s.when(operation({ operationId: 'ok', costsFrom: '2016-02-15' })));
  });

  it('takes its steps in order: no comité before the submission, no signature before the comité, no avenant before the signature', () => {
    const s = drafted(new ProtocolScenario())
      .given(plan([['anru', 15_000_000n]], 15_000_000n))
      .given(submit); // 2016-02-01
    expect(refusalOf(s.when(committee('2016-01-31')), 'step-before-previous')).toMatchObject({ field: 'date' });
    s.given(committee('2016-03-01'));
    const signOn = (date: string) => (state: Parameters<typeof sign>[0]) =>
      decideLifecycle({ kind: 'sign', act: act('Protocole NPNRU CALL', date), trace: trace(date) }, state);
    expect(refusalOf(s.when(signOn('2016-02-28')), 'step-before-previous').message).toContain(
      'La signature (2016-02-28) ne peut précéder le comité d’engagement (2016-03-01)',
    );
    s.given(signOn('2016-06-15'));
    s.given(
      plan(
        [
          ['anru', 12_000_000n],
          ['caisse-des-depots', 3_000_000n],
        ],
        15_000_000n,
      ),
    );
    const amendOn = (date: string) => (state: Parameters<typeof sign>[0]) =>
      decideLifecycle({ kind: 'sign-amendment', act: act('Avenant n° 1', date), trace: trace(date) }, state);
    expect(refusalOf(s.when(amendOn('2016-06-14')), 'step-before-previous').field).toBe('act.date');
    accepted(s.when(amendOn('2016-06-15')));
  });

  it('keeps each signed version of the financial table and shows what an avenant changed', () => {
    const s = drafted(new ProtocolScenario())
      .given(plan([['anru', 15_000_000n]], 15_000_000n))
      .given(submit)
      .given(committee('2016-02-15'))
      .given(sign);
    refusalOf(s.when(amend), 'amendment-empty');
    s.given(
      plan(
        [
          ['anru', 12_000_000n],
          ['caisse-des-depots', 3_000_000n],
        ],
        15_000_000n,
      ),
    );
    accepted(s.when(amend));
    const protocol = s.state;
    if (!protocol) throw new Error('no protocol');
    const v1 = financialTable(protocol, 1);
    const v2 = financialTable(protocol, 2);
    expect(v1?.totals.byFunder.find((t) => t.key === 'anru')?.amount).toBe('150000.00');
    expect(v2?.totals.byFunder.find((t) => t.key === 'anru')?.amount).toBe('120000.00');
    expect(v2?.totals.all).toBe('300000.00');
    expect(v2?.totals.byQuartier).toEqual([{ key: 'QP062024', amount: '300000.00', formatted: '300 000,00 €' }]);
    expect(tableDiff(v1?.rows ?? [], v2?.rows ?? [])).toEqual([
      {
        operationId: 'etude-urbaine',
        funder: 'anru',
        before: '150000.00',
        after: '120000.00',
        delta: '-30000.00',
        change: 'modification',
      },
      {
        operationId: 'etude-urbaine',
        funder: 'caisse-des-depots',
        before: '0.00',
        after: '30000.00',
        delta: '30000.00',
        change: 'ajout',
      },
    ]);
    expect(financialTable(protocol, 3)).toBeUndefined();
  });

  it('refuses steps out of order', () => {
    const s = drafted(new ProtocolScenario());
    refusalOf(s.when(committee('2016-02-15')), 'not-submitted');
    refusalOf(s.when(sign), 'committee-required');
    refusalOf(s.when(amend), 'not-signed');
    s.given((state) =>
      decideAddOperation(
        {
          operationId: 'sans-plan',
          label: 'x',
          nature: 'etude',
          projectOwner: 'call',
          quartier: 'QP062024',
          eligibleBaseCents: 1n,
          start: '2016-03-01',
          end: '2016-03-02',
          costsFrom: '2016-03-01',
          trace: trace(),
        },
        state,
      ),
    );
    s.given(plan([['anru', 15_000_000n]], 15_000_000n))
      .given(submit)
      .given(committee('2016-02-15'));
    refusalOf(s.when(sign), 'plan-missing');
    refusalOf(new ProtocolScenario().given(draft).when(submit), 'no-operation');
  });
});
