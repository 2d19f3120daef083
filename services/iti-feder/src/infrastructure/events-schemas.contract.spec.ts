import { ContractRegistry, publishedMessages } from '@cvl/messaging';
import { publishedItiEvents } from './published-events';
import { decideAgreeGrant } from '../agree-grant/agree-grant.decider';
import { decideAppraiseApplication } from '../appraise-application/appraise-application.decider';
import { decideCheckServiceDone } from '../check-service-done/check-service-done.decider';
import { decideCommitCoFunder } from '../commit-co-funder/commit-co-funder.decider';
import { decideCompleteApplication } from '../complete-application/complete-application.decider';
import { ITI_EVENT_TYPES, SCHEMA_VERSION, type ItiEvent } from '../domain/events';
import { decideFilePaymentClaim } from '../file-payment-claim/file-payment-claim.decider';
import { decidePayClaim } from '../pay-claim/pay-claim.decider';
import { decideProgramOperation } from '../program-operation/program-operation.decider';
import { decideRecordAnswer } from '../record-booking-answer/record-booking-answer.decider';
import { decideReleaseUnused } from '../release-unused/release-unused.decider';
import { application, envelope, ItiScenario, strategy, trace } from '../test-support/scenario';

describe('ITI-FEDER events against contracts/events/iti-feder', () => {
  it('every event the deciders produce is valid against its schema, and every type has one', () => {
    const s = new ItiScenario().given(envelope).given(strategy).given(application('op'));
    s.given((st) => decideCompleteApplication({ operationId: 'op', trace: trace() }, st))
      .given((st) => decideAppraiseApplication({ operationId: 'op', trace: trace() }, st))
      .given((st) => decideProgramOperation({ operationId: 'op', committeeDate: '2016-06-15', trace: trace() }, st));
    s.given((st) =>
      decideRecordAnswer(
        { operationId: 'op', funder: 'region', requestId: 'r', outcome: 'booked', amount: '400000.00', trace: trace() },
        st,
      ),
    );
    s.given((st) =>
      decideAgreeGrant({ operationId: 'op', act: { reference: 'Convention', date: '2016-07-01' }, trace: trace() }, st),
    );
    s.given((st) =>
      decideCommitCoFunder(
        { operationId: 'op', funder: 'region', act: { reference: 'Délibération', date: '2016-09-12' }, trace: trace() },
        st,
      ),
    );
    s.given((st) =>
      decideFilePaymentClaim(
        { operationId: 'op', claimId: 'c1', expensesCents: 170_000_000n, final: true, trace: trace() },
        st,
      ),
    )
      .given((st) =>
        decideCheckServiceDone({ operationId: 'op', claimId: 'c1', acceptedCents: 170_000_000n, trace: trace() }, st),
      )
      .given((st) => decidePayClaim({ operationId: 'op', claimId: 'c1', trace: trace() }, st));
    s.given((st) => decideReleaseUnused({ operationId: 'op', trace: trace() }, st));
    const produced: ItiEvent[] = s.history;
    const contracts = new ContractRegistry();
    expect(new Set(produced.map((e) => e.type))).toEqual(new Set(ITI_EVENT_TYPES));
    for (const type of ITI_EVENT_TYPES) expect(contracts.knownEventTypes()).toContain(`${type}@${SCHEMA_VERSION}`);
    const published = publishedMessages(publishedItiEvents, '/iti-feder', produced);
    for (const message of published)
      expect({ type: message.type, violations: message.violations }).toEqual({ type: message.type, violations: [] });
    // Five requests to the ledger: the lines programmed, the FEDER's convention, the Région's own act, a payment, a
    // release — each on its own step.
    const requests = published.filter((m) => m.type === 'commitments.booking-requested');
    expect(requests.map((m) => [m.topic, (m.data.request as { step: string }).step, m.data.movement])).toEqual([
      ['commitments.booking-requests.v1', 'programmation', 'commitment'],
      ['commitments.booking-requests.v1', 'convention', 'commitment'],
      ['commitments.booking-requests.v1', 'acte-region', 'commitment'],
      ['commitments.booking-requests.v1', 'paiement-c1', 'payment'],
      ['commitments.booking-requests.v1', 'degagement', 'release'],
    ]);
    expect(requests[0].data.lines).toContainEqual(
      expect.objectContaining({ funder: 'feder', envelope: 'iti-feder-axe-3' }),
    );
  });
});
