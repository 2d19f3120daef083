import { ContractRegistry, publishedMessages } from '@cvl/messaging';
import { publishedRenewalEvents } from './published-events';
import { decideAddParty } from '../add-party/add-party.decider';
import { decideApproveFinancingPlan } from '../approve-financing-plan/approve-financing-plan.decider';
import { decideLifecycle } from '../protocol-lifecycle/protocol-lifecycle.decider';
import { decideRecordBookingOutcome } from '../record-booking-outcome/record-booking-outcome.decider';
import { decideReviseOperation, decideWithdrawOperation } from '../revise-operation/revise-operation.decider';
import { draft, group, operation, plan } from '../test-support/fixtures';
import { decideListNpnruQuartier } from '../list-npnru-quartier/list-npnru-quartier.decider';
import { ProtocolScenario, trace } from '../test-support/scenario';
import { RENEWAL_EVENT_TYPES, SCHEMA_VERSION, type RenewalEvent } from '../domain/events';

describe('renewal-urban events against contracts/events/renewal-urban', () => {
  it('every event the deciders produce is valid against its schema, and every type has one', () => {
    const registry = new ContractRegistry();
    const produced: RenewalEvent[] = [];
    const s = new ProtocolScenario();
    const step = (decide: Parameters<ProtocolScenario['given']>[0]) => {
      s.given(decide);
      produced.push(...s.last);
    };
    produced.push(
      ...(decideListNpnruQuartier(
        { code: 'QP062024', name: 'Cité 12-14', interest: 'national', trace: trace() },
        undefined,
      ) as RenewalEvent[]),
    );
    step(draft);
    step((st) => decideAddParty({ party: { code: 'sia-habitat', role: 'bailleur' }, trace: trace() }, st));
    step(group);
    step(operation());
    step(plan([['anru', 15_000_000n]], 15_000_000n));
    step((st) => decideApproveFinancingPlan({ operationId: 'etude-urbaine', trace: trace() }, st));
    step((st) =>
      decideRecordBookingOutcome(
        {
          protocolId: 'npnru-call',
          operationId: 'etude-urbaine',
          funder: 'anru',
          requestId: 'npnru-call:etude-urbaine:v1:anru',
          planVersion: 1,
          outcome: 'booked',
          commitmentId: 'c',
          trace: trace(),
        },
        st,
      ),
    );
    step((st) => decideReviseOperation({ operationId: 'etude-urbaine', end: '2017-06-30', trace: trace() }, st));
    step((st) => decideLifecycle({ kind: 'submit', trace: trace() }, st));
    step((st) => decideLifecycle({ kind: 'record-committee', date: '2016-02-15', trace: trace() }, st));
    step((st) => decideLifecycle({ kind: 'sign', act: { reference: 'P', date: '2016-06-15' }, trace: trace() }, st));
    step(plan([['anru', 14_000_000n]], 16_000_000n));
    step((st) =>
      decideLifecycle({ kind: 'sign-amendment', act: { reference: 'A1', date: '2017-09-01' }, trace: trace() }, st),
    );
    const avenant2 = { reference: 'A2', date: '2018-01-10' };
    step((st) => decideWithdrawOperation({ operationId: 'etude-urbaine', act: avenant2, trace: trace() }, st));
    step((st) =>
      decideRecordBookingOutcome(
        {
          protocolId: 'npnru-call',
          operationId: 'etude-urbaine',
          funder: 'anru',
          requestId: 'npnru-call:etude-urbaine:v1:anru',
          planVersion: 1,
          outcome: 'booked',
          step: 'retrait',
          trace: trace(),
        },
        st,
      ),
    );
    expect(new Set(produced.map((e) => e.type))).toEqual(new Set(RENEWAL_EVENT_TYPES));
    for (const type of RENEWAL_EVENT_TYPES) expect(registry.knownEventTypes()).toContain(`${type}@${SCHEMA_VERSION}`);
    const published = publishedMessages(publishedRenewalEvents, '/renewal-urban', produced);
    for (const message of published)
      expect({ type: message.type, violations: message.violations }).toEqual({ type: message.type, violations: [] });
    // The approval asks the ledger to book the plan's lines, keyed by protocol, operation and plan version.
    const requests = published.filter((m) => m.type === 'commitments.booking-requested');
    expect(requests.map((m) => [m.topic, m.data.request])).toEqual([
      [
        'commitments.booking-requests.v1',
        {
          source: 'renewal-urban',
          programme: 'npnru-call',
          operation: 'etude-urbaine',
          version: 1,
          step: 'approbation',
        },
      ],
      // The withdrawal asks the ledger to release, whole, the line the first version booked, dated by the avenant.
      [
        'commitments.booking-requests.v1',
        { source: 'renewal-urban', programme: 'npnru-call', operation: 'etude-urbaine', version: 1, step: 'retrait' },
      ],
    ]);
    const release = requests.at(-1)?.data as { movement: string; lines: unknown; trace: { effectiveDate: string } };
    expect(release.movement).toBe('release');
    expect(release.lines).toEqual([{ funder: 'anru', amount: '150000.00' }]);
    expect(release.trace.effectiveDate).toBe('2018-01-10');
  });
});
