import { ContractRegistry, publishedMessages } from '@cvl/messaging';
import { LEDGER_INTERNALS, publishedLedgerEvents } from './published-events';
import { decideAmendCommitment } from '../amend-commitment/amend-commitment.decider';
import { decideMakeConditional } from '../make-conditional/make-conditional.decider';
import { decideResolveCondition } from '../resolve-condition/resolve-condition.decider';
import { decideSplitPool } from '../split-pool/split-pool.decider';
import { CO_FINANCING_RULES } from '../domain/co-financing-rules';
import { baseline, commitment, envelope, funder, operation } from '../test-support/fixtures';
import { decideBookRequestedLine } from '../book-requested-line/book-requested-line.decider';
import { firmed, pay, release } from '../test-support/lifecycle';
import { Scenario, trace } from '../test-support/scenario';
import { COMMITMENTS_EVENT_TYPES, SCHEMA_VERSION, type CommitmentsEvent } from '../domain/events';

describe('commitments events against contracts/events/commitments', () => {
  const registry = new ContractRegistry();

  it('every event type has a schema at the current version', () => {
    for (const type of COMMITMENTS_EVENT_TYPES)
      expect(registry.knownEventTypes()).toContain(`${type}@${SCHEMA_VERSION}`);
  });

  it('every event the deciders produce is valid against its schema', () => {
    const produced: CommitmentsEvent[] = [];
    const s = baseline(new Scenario());
    const keep = () => produced.push(...s.last);
    keep();
    s.given(funder('caf', 'caf'));
    keep();
    s.given(envelope('e', 'region', 1_000_00n));
    keep();
    s.given(commitment({ commitmentId: 'c1', amountCents: 500n, stated: { text: '500 à 1 000 k€' } }));
    keep();
    s.given(
      commitment({
        commitmentId: 'c0',
        amountCents: 4_500_000_000n,
        stated: { text: '45 M€', formula: { kind: 'product', unitAmount: '150000.00', quantity: 300 } },
      }),
    );
    keep();
    s.given((state) => decideMakeConditional({ commitmentId: 'c1', conditionId: 'tfpb', trace: trace() }, state));
    keep();
    s.given(
      commitment({
        commitmentId: 'c2',
        amountCents: 900n,
        funder: 'region',
        envelopeId: 'e',
        attribution: { label: 'x', year: 2016, scale: 'CALL', quartier: 'QP062024', epci: 'CALL' },
      }),
    );
    keep();
    s.given(firmed('c2'));
    keep();
    s.given((state, context) =>
      decideAmendCommitment(
        {
          commitmentId: 'c2',
          kind: 'clause-de-revoyure',
          newAmountCents: 1_000n,
          trace: trace({ reasonCode: 'clause-de-revoyure' }),
        },
        state,
        context,
      ),
    );
    keep();
    s.given(pay('c2', 'p1', 'acompte', 100n));
    keep();
    s.given(release('c2', 50n));
    keep();
    s.given((state, context) =>
      decideResolveCondition(
        { conditionId: 'tfpb', outcome: 'met', act: { reference: 'a', date: '2016-01-01' }, trace: trace() },
        state,
        context,
      ),
    );
    keep();
    s.given(commitment({ commitmentId: 'pool', funder: 'partners', amountCents: 1_000n, isPool: true }));
    keep();
    s.given((state, context) =>
      decideSplitPool(
        {
          poolId: 'pool',
          parts: [{ commitmentId: 'pool-r', funder: 'region', amountCents: 400n, epci: 'CALL' }],
          trace: trace({ reasonCode: 'ventilation' }),
        },
        state,
        context,
      ),
    );
    keep();
    const requested = {
      request: {
        requestId: 'r1',
        source: 'renewal-urban',
        protocolId: 'p',
        operationId: 'o',
        version: 1,
        step: 'approbation',
      },
      funder: 'region',
      amountCents: 5n,
      status: 'indicative' as const,
      label: 'x',
      year: 2016,
      trace: trace(),
    };
    s.given((state, context) => decideBookRequestedLine({ ...requested, commitmentId: 'req-ok' }, state, context));
    keep();
    s.given((state, context) =>
      decideBookRequestedLine({ ...requested, commitmentId: 'req-ko', funder: 'nobody' }, state, context),
    );
    keep();
    s.given((state, context) =>
      decideBookRequestedLine(
        { ...requested, request: { ...requested.request, requestId: 'r2' }, commitmentId: 'req-v2', amountCents: 7n },
        state,
        context,
      ),
    );
    keep();
    // The registry: an operation declared by a programme's request, then referenced by another; a rule recorded.
    s.given((state, context) =>
      decideBookRequestedLine(
        {
          ...requested,
          request: { ...requested.request, requestId: 'r3', operationId: 'o2' },
          commitmentId: 'req-op',
          operation: {
            operationId: 'op-registre',
            label: 'Travaux',
            projectOwner: 'mc',
            quartiers: ['QP062024'],
            nature: 'rehabilitation',
            eligibleBaseCents: 1_000n,
            start: '2016-01-01',
            end: '2017-12-31',
            references: [{ system: 'renewal-urban', reference: 'p:o2' }],
            trace: trace({ reasonCode: 'referentiel' }),
          },
        },
        state,
        context,
      ),
    );
    keep();
    s.given(operation({ operationId: 'op-registre', references: [{ system: 'iti-feder', reference: 'iti:op1' }] }));
    keep();
    // The declaring programme (renewal-urban) names it again with a new base: the registry follows.
    s.given(
      operation({
        operationId: 'op-registre',
        eligibleBaseCents: 1_200n,
        start: '2016-01-01',
        end: '2018-06-30',
        references: [{ system: 'renewal-urban', reference: 'p:o2' }],
      }),
    );
    keep();
    s.givenEvents({
      type: 'commitments.co-financing-rule-recorded',
      data: { rule: { ...CO_FINANCING_RULES[1], id: 'regle-essai', from: '2019-01-01' }, trace: trace() },
    });
    produced.push(...s.last);
    s.givenEvents({
      type: 'commitments.document-figure-recorded',
      data: {
        figureId: 'fourchette-essai',
        role: 'unit-cost',
        text: '500 à 1 000 k€',
        range: { min: '500000.00', max: '1000000.00', central: '750000.00' },
        scale: 'Bassin Minier',
        period: { fromYear: 2015, toYear: 2020 },
        trace: trace({ reasonCode: 'referentiel' }),
      },
    });
    produced.push(...s.last);
    s.givenEvents({
      type: 'commitments.governance-step-recorded',
      data: {
        stepId: 'revoyure-essai',
        kind: 'revoyure',
        label: 'Clause de revoyure',
        window: { from: '2018-01-01', to: '2018-12-31' },
        status: 'prevu',
        effect: 'revoit les engagements',
        funders: [],
        trace: trace({ reasonCode: 'referentiel' }),
      },
    });
    produced.push(...s.last);
    expect(new Set(produced.map((e) => e.type))).toEqual(new Set(COMMITMENTS_EVENT_TYPES));
    // What goes out is what the relay publishes: each event without the ledger's internals, and the answers.
    const published = publishedMessages(publishedLedgerEvents, '/commitments', produced);
    for (const message of published)
      expect({ type: message.type, violations: message.violations }).toEqual({ type: message.type, violations: [] });
    for (const message of published)
      for (const internal of LEDGER_INTERNALS) expect(JSON.stringify(message.data)).not.toContain(`"${internal}"`);
    expect(produced.some((e) => 'accounts' in e.data)).toBe(true);
    // One answer per requested line, on the asking programme's topic: two booked, one refused.
    const answers = published.filter((m) => m.type === 'commitments.booking-answered');
    expect(answers.map((m) => [m.topic, m.data.funder, m.data.outcome])).toEqual([
      ['commitments.booking-answers.renewal-urban.v1', 'region', 'booked'],
      ['commitments.booking-answers.renewal-urban.v1', 'nobody', 'refused'],
      ['commitments.booking-answers.renewal-urban.v1', 'region', 'booked'],
      ['commitments.booking-answers.renewal-urban.v1', 'region', 'booked'],
    ]);
  });

  it('a stored event that carries the ledger’s internals is refused by its public schema', () => {
    expect(
      registry.checkData('commitments.payment-recorded', 1, {
        commitmentId: 'c',
        paymentId: 'p',
        kind: 'acompte',
        amount: '1.00',
        accounts: [],
      }),
    ).toContainEqual(expect.objectContaining({ message: expect.stringContaining('accounts') }));
  });

  it('the schemas refuse what is not an event of that type', () => {
    expect(
      registry.checkData('commitments.payment-recorded', 1, {
        commitmentId: 'c',
        paymentId: 'p',
        kind: 'don',
        amount: '1,00',
      }),
    ).not.toEqual([]);
  });
});
