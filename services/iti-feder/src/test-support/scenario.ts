import type { Cents } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import type { Refusal } from '@cvl/refusal';
import { DecisionScenario } from '@cvl/testing';
import type { Dwelling } from '../domain/rules';
import { evolve, type Programme } from '../domain/state';
import { decideReceiveApplication } from '../receive-application/receive-application.decider';
import { decideAdoptStrategy } from '../adopt-strategy/adopt-strategy.decider';
import { decideAppraiseApplication } from '../appraise-application/appraise-application.decider';
import { decideCompleteApplication } from '../complete-application/complete-application.decider';
import { decideProgramOperation } from '../program-operation/program-operation.decider';
import { decideSetEnvelope } from '../set-envelope/set-envelope.decider';

export const trace = (effectiveDate = '2016-03-01'): Trace => ({
  actor: { subject: 'instructeur', organisation: 'region', roles: ['autorite-gestion'] },
  effectiveDate,
  recordedAt: `${effectiveDate}T09:00:00.000Z`,
  source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line: 4779 },
});

export type Decide = (state: Programme | undefined) => ItiEvent[] | Refusal;

/** One ITI programme's stream under test. */
export class ItiScenario extends DecisionScenario<Programme | undefined, ItiEvent> {
  constructor() {
    super({ evolve, initial: () => undefined, context: () => undefined });
  }
}

export const envelope: Decide = (state) =>
  decideSetEnvelope(
    {
      programmeId: 'iti-call',
      axes: [
        { axis: 1, label: 'Axe 1', amountCents: 1_200_000_000n },
        { axis: 2, label: 'Axe 2', amountCents: 600_000_000n },
        { axis: 3, label: 'Axe 3', amountCents: 3_600_000_000n },
        { axis: 4, label: 'Axe 4', amountCents: 2_700_000_000n },
      ],
      trace: trace('2015-12-01'),
    },
    state,
  );

export const strategy: Decide = (state) => decideAdoptStrategy({ axes: [3, 4], trace: trace('2015-12-15') }, state);

export const application =
  (
    operationId: string,
    overrides: {
      federCents?: Cents;
      eligibleCostCents?: Cents;
      dwellings?: Dwelling[];
      axis?: number;
      priority?: string;
      coFunders?: Array<{ funder: string; amountCents: Cents }>;
      tranche?: number;
    } = {},
  ): Decide =>
  (state) =>
    decideReceiveApplication(
      {
        operationId,
        label: 'Réhabilitation thermique de 40 logements miniers',
        beneficiary: 'maisons-et-cites',
        quartier: 'QP062024',
        axis: overrides.axis ?? 3,
        priority: overrides.priority ?? '4c',
        eligibleCostCents: overrides.eligibleCostCents ?? 200_000_000n,
        federCents: overrides.federCents ?? 80_000_000n,
        coFunders: overrides.coFunders ?? [
          { funder: 'region', amountCents: 40_000_000n },
          { funder: 'call', amountCents: 20_000_000n },
        ],
        dwellings: overrides.dwellings ?? [
          { id: 'L1', classBefore: 'F', consumptionAfter: 95 },
          { id: 'L2', classBefore: 'G', consumptionAfter: 125 },
        ],
        tranche: overrides.tranche ?? 2016,
        trace: trace('2016-03-01'),
      },
      state,
    );

/** The grant agreement (convention attributive) the payment scenarios sign. */
export const agreementAct = { reference: 'Convention FEDER 2016-17', date: '2016-07-01' };

/** An application received taken through completeness, appraisal and programming (15 June 2016). */
export const through = (s: ItiScenario, id: string) =>
  s
    .given((st) => decideCompleteApplication({ operationId: id, trace: trace() }, st))
    .given((st) => decideAppraiseApplication({ operationId: id, trace: trace() }, st))
    .given((st) =>
      decideProgramOperation({ operationId: id, committeeDate: '2016-06-15', trace: trace('2016-06-15') }, st),
    );
