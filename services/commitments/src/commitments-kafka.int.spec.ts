import { randomUUID } from 'node:crypto';
import { ContractRegistry, decodeActor, KafkaBus, topicFor, type IntegrationEvent } from '@cvl/messaging';
import { createTestSchema, testKafkaBrokers, waitUntil } from '@cvl/testing';
import { LEDGER_STREAM } from './infrastructure/commitments-ledger';
import { startCommitmentsApi, traceBody, type ApiHarness } from './test-support/api-suite';

describe('commitments events on the real Kafka broker (integration)', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let h: ApiHarness;
  let consumer: KafkaBus;

  beforeAll(async () => {
    schema = await createTestSchema('cmtkafka');
    h = await startCommitmentsApi({
      DATABASE_URL: schema.url,
      DB_SCHEMA: schema.schema,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
    });
    consumer = new KafkaBus({ brokers: testKafkaBrokers(), clientId: 'commitments-kafka-test' });
  });
  afterAll(async () => {
    await consumer.close();
    await h.close();
    await schema.drop();
  });

  it('publishes every event of the ledger to commitments.events.v1, keyed by stream, in order, valid against contracts/', async () => {
    expect(h.infra.bus.kind).toBe('kafka');
    const id = `kafka-${randomUUID().slice(0, 8)}`;
    await h
      .http()
      .post('/api/commitments/reference/funders')
      .set(h.auth)
      .send({
        code: 'caf',
        name: 'CAF du Pas-de-Calais',
        attributes: { category: 'caf' },
        trace: traceBody('referentiel', '2015-07-01'),
      })
      .expect(201);
    await h
      .http()
      .post('/api/commitments/commitments')
      .set(h.auth)
      .send({
        commitmentId: id,
        funder: 'caf',
        status: 'firm',
        act: { reference: 'Convention CAF 2016-1', date: '2016-01-20' },
        amount: '45000.00',
        attribution: { label: 'Centre social', year: 2016, scale: 'CALL' },
        trace: traceBody('engagement-juridique', '2016-01-20', { kind: 'act', reference: 'Convention CAF 2016-1' }),
      })
      .expect(201);
    await h
      .http()
      .post(`/api/commitments/commitments/${id}/payments`)
      .set(h.auth)
      .send({
        paymentId: 'm1',
        kind: 'avance',
        amount: '13500.00',
        trace: traceBody('paiement', '2016-02-15', { kind: 'act', reference: 'Mandat CAF 2016-77' }),
      })
      .expect(200);
    const stored = await h.infra.store.readStream(LEDGER_STREAM);
    const ids = new Set(stored.map((e) => e.eventId));

    const received: IntegrationEvent[] = [];
    const subscription = await h.infra.bus.subscribe({
      groupId: `contract-check-${randomUUID()}`,
      topics: [topicFor('commitments')],
      handle: async (event) => void (ids.has(event.id) && received.push(event)),
    });
    await waitUntil(() => received.length >= stored.length, 60_000, 'every ledger event on Kafka');
    await subscription.stop();

    const registry = new ContractRegistry();
    expect(received.map((e) => e.id)).toEqual(stored.map((e) => e.eventId));
    for (const event of received) {
      expect({ type: event.type, violations: registry.check(event) }).toEqual({ type: event.type, violations: [] });
      expect(event).toMatchObject({ source: '/commitments', subject: LEDGER_STREAM, schemaversion: 1 });
      // The actor travels as compact JSON (CloudEvents extensions are strings) and reads back as the structure it was.
      expect(decodeActor(event.actor)).toEqual({ subject: 'admin', organisation: 'cvl', roles: ['admin'] });
    }
    expect(received.map((e) => e.revision)).toEqual(stored.map((e) => e.revision));
    expect(received.find((e) => e.type === 'commitments.payment-recorded')?.data).toMatchObject({
      commitmentId: id,
      amount: '13500.00',
      kind: 'avance',
    });
  });
});
