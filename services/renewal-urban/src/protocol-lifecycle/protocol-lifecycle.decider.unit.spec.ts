import { decideAddOperation } from '../add-operation/add-operation.decider';
import { decideApproveFinancingPlan } from '../approve-financing-plan/approve-financing-plan.decider';
import { decideDraftProtocol, decideFormPurchasingGroup } from '../draft-protocol/draft-protocol.decider';
import { financialTable, tableDiff } from '../financial-table/financial-table';
import { draft, drafted, operation, plan } from '../test-support/fixtures';
import { accepted, refusalOf } from '@cvl/testing';
import { ProtocolScenario, trace } from '../test-support/scenario';
import { decideLifecycle } from './protocol-lifecycle.decider';

const act = (reference: string, date: string) => ({ reference, date });
const submit = (state: ProtocolScenario['state']) =>
  decideLifecycle({ kind: 'submit', trace: trace('2016-02-01') }, state);
const committee = (date: string) => (state: ProtocolScenario['state']) =>
  decideLifecycle({ kind: 'record-committee', date, trace: trace(date) }, state);
const sign = (state: ProtocolScenario['state']) =>
  decideLifecycle(
    { kind: 'sign', act: act('Protocole de préfiguration NPNRU CALL', '2016-06-15'), trace: trace('2016-06-15') },
    state,
  );
const amend = (state: ProtocolScenario['state']) =>
  decideLifecycle(
    { kind: 'sign-amendment', act: act('Avenant n° 1', '2017-09-01'), trace: trace('2017-09-01') },
    state,
  );
const approve =
  (operationId = 'etude-urbaine') =>
  (state: ProtocolScenario['state']) =>
    decideApproveFinancingPlan({ operationId, trace: trace('2016-06-20') }, state);

describe('protocol: parties, purchasing group, operations', () => {
  it('drafts one protocol for the NPNRU quartiers with ANRU as a party', () => {
    const s = new ProtocolScenario();
    accepted(s.when(draft));
    expect(s.state).toMatchObject({
      status: 'draft',
      quartiers: [{ code: 'QP062024', interest: 'national' }, { interest: 'regional' }, { interest: 'regional' }],
    });
    refusalOf(s.when(draft), 'protocol-exists');
    refusalOf(
      new ProtocolScenario().when((st) =>
        decideDraftProtocol(
          {
            protocolId: 'p',
            label: 'p',
            quartiers: [{ code: 'QP062024', interest: 'national' }],
            parties: [{ code: 'call', role: 'x' }],
            trace: trace(),
          },
          st,
        ),
      ),
      'anru-party-required',
    );
    refusalOf(
      new ProtocolScenario().when((st) =>
        decideDraftProtocol(
          {
            protocolId: 'p',
            label: 'p',
            quartiers: [{ code: 'Lens', interest: 'national' }],
            parties: [{ code: 'anru', role: 'x' }],
            trace: trace(),
          },
          st,
        ),
      ),
      'invalid-qpv-code',
    );
  });

  it('forms a purchasing group of parties with positive weights', () => {
    const s = new ProtocolScenario().given(draft);
    refusalOf(
      s.when((st) => decideFormPurchasingGroup({ members: [{ code: 'call', weight: 1 }], trace: trace() }, st)),
      'group-too-small',
    );
    refusalOf(
      s.when((st) =>
        decideFormPurchasingGroup(
          {
            members: [
              { code: 'call', weight: 1 },
              { code: 'region', weight: 1 },
            ],
            trace: trace(),
          },
          st,
        ),
      ),
      'member-not-party',
    );
    expect(
      refusalOf(
        s.when((st) =>
          decideFormPurchasingGroup(
            {
              members: [
                { code: 'call', weight: 1 },
                { code: 'ville-lens', weight: 0 },
              ],
              trace: trace(),
            },
            st,
          ),
        ),
        'invalid-weight',
      ).field,
    ).toBe('members[1].weight');
  });

  it('refuses operations outside the protocol’s quartiers or owners, inverted calendars, group purchases with no group', () => {
    const s = new ProtocolScenario().given(draft);
    refusalOf(s.when(operation()), 'no-purchasing-group');
    refusalOf(s.when(operation({ boughtByGroup: false, quartier: 'QP062033' })), 'quartier-not-in-protocol');
    refusalOf(s.when(operation({ boughtByGroup: false, projectOwner: 'sia-habitat' })), 'owner-not-party');
    refusalOf(s.when(operation({ boughtByGroup: false, end: '2015-01-01' })), 'calendar-inverted');
    refusalOf(s.when(operation({ boughtByGroup: false, eligibleBaseCents: 0n })), 'base-not-positive');
  });
});

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
