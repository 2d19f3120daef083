import type { Cents } from '@cvl/money';
import { decideAddOperation, type AddOperation } from '../add-operation/add-operation.decider';
import { decideDraftProtocol, decideFormPurchasingGroup } from '../draft-protocol/draft-protocol.decider';
import { decideSetFinancingPlan } from '../set-financing-plan/set-financing-plan.decider';
import { decideApproveFinancingPlan } from '../approve-financing-plan/approve-financing-plan.decider';
import { decideLifecycle } from '../protocol-lifecycle/protocol-lifecycle.decider';
import type { Protocol } from '../domain/state';
import type { NpnruList } from '../list-npnru-quartier/npnru-list';
import { trace, type Decide, type ProtocolScenario } from './scenario';

export const PARTIES = [
  'anru',
  'call',
  'ville-lens',
  'ville-avion',
  'ville-lievin',
  'maisons-et-cites',
  'caisse-des-depots',
];

/** ANRU's list as the Lens-Liévin contract names it: Lens 12-14 of national interest, Avion and Liévin regional. */
export const NPNRU: NpnruList = {
  quartiers: new Map([
    ['QP062024', { name: 'Cité 12-14', interest: 'national' }],
    ['QP062019', { name: 'République - Cité 4', interest: 'regional' }],
    ['QP062028', { name: 'Calonne - Marichelles - Vent De Bise', interest: 'regional' }],
  ]),
};

export const draft: Decide = (state) =>
  decideDraftProtocol(
    {
      protocolId: 'npnru-call',
      label: 'Protocole de préfiguration NPNRU de la CALL',
      quartiers: [
        { code: 'QP062024', interest: 'national' },
        { code: 'QP062019', interest: 'regional' },
        { code: 'QP062028', interest: 'regional' },
      ],
      parties: PARTIES.map((code) => ({ code, role: code === 'anru' ? 'financeur' : 'partenaire' })),
      trace: trace('2015-10-01'),
      npnru: NPNRU,
    },
    state,
  );

export const group: Decide = (state) =>
  decideFormPurchasingGroup(
    {
      members: [
        { code: 'call', weight: 40 },
        { code: 'ville-lens', weight: 20 },
        { code: 'ville-avion', weight: 20 },
        { code: 'ville-lievin', weight: 20 },
      ],
      trace: trace('2015-11-01'),
    },
    state,
  );

export const operation =
  (overrides: Partial<AddOperation> = {}): Decide =>
  (state) =>
    decideAddOperation(
      {
        operationId: 'etude-urbaine',
        label: 'Étude urbaine des trois quartiers',
        nature: 'etude',
        projectOwner: 'call',
        quartier: 'QP062024',
        eligibleBaseCents: 30_000_000n,
        start: '2016-03-01',
        end: '2016-12-31',
        costsFrom: '2016-03-01',
        boughtByGroup: true,
        trace: trace('2015-12-01'),
        ...overrides,
      },
      state,
    );

export const plan =
  (lines: Array<[string, Cents]>, groupShareCents?: Cents, operationId = 'etude-urbaine'): Decide =>
  (state) =>
    decideSetFinancingPlan(
      {
        operationId,
        lines: lines.map(([funder, amountCents]) => ({ funder, amountCents })),
        ...(groupShareCents !== undefined ? { groupShareCents } : {}),
        trace: trace('2016-01-10'),
      },
      state,
    );

export function drafted(scenario: ProtocolScenario): ProtocolScenario {
  return scenario.given(draft).given(group).given(operation());
}

/** The protocol's steps, as the lifecycle and approval specs take them. */
export const act = (reference: string, date: string) => ({ reference, date });
export const submit = (state: Protocol | undefined) =>
  decideLifecycle({ kind: 'submit', trace: trace('2016-02-01') }, state);
export const committee = (date: string) => (state: Protocol | undefined) =>
  decideLifecycle({ kind: 'record-committee', date, trace: trace(date) }, state);
export const sign = (state: Protocol | undefined) =>
  decideLifecycle(
    { kind: 'sign', act: act('Protocole de préfiguration NPNRU CALL', '2016-06-15'), trace: trace('2016-06-15') },
    state,
  );
export const amend = (state: Protocol | undefined) =>
  decideLifecycle(
    { kind: 'sign-amendment', act: act('Avenant n° 1', '2017-09-01'), trace: trace('2017-09-01') },
    state,
  );
export const approve =
  (operationId = 'etude-urbaine') =>
  (state: Protocol | undefined) =>
    decideApproveFinancingPlan({ operationId, trace: trace('2016-06-20') }, state);
