import type { Cents } from '@cvl/money';
import { decideAddOperation, type AddOperation } from '../add-operation/add-operation.decider';
import { decideDraftProtocol, decideFormPurchasingGroup } from '../draft-protocol/draft-protocol.decider';
import { decideSetFinancingPlan } from '../set-financing-plan/set-financing-plan.decider';
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
