import { ContractRegistry } from './contracts';
import {
  EnvelopeError,
  envelopeFor,
  fromKafkaRecord,
  toKafkaRecord,
  topicFor,
  type IntegrationEvent,
} from './envelope';
import { sampleEvent } from './contract/integration-bus.contract';

describe('CloudEvents Kafka binding', () => {
  it('puts attributes in ce_ headers, the stream id in the key, the data in the value, and reads them back', () => {
    const event = sampleEvent('commitment-42', 3);
    const record = toKafkaRecord(event);
    expect(record.key).toBe('commitment-42');
    expect(record.headers).toMatchObject({
      ce_id: event.id,
      ce_specversion: '1.0',
      ce_type: event.type,
      ce_streamid: 'commitment-42',
      ce_revision: '3',
      'content-type': 'application/json',
    });
    expect(JSON.parse(record.value)).toEqual(event.data);
    expect(fromKafkaRecord(record)).toEqual(event);
  });

  it.each(['ce_id', 'ce_type', 'ce_actor', 'ce_schemaversion'])('names a missing header: %s', (header) => {
    const record = toKafkaRecord(sampleEvent('s', 0));
    delete record.headers[header];
    expect(() => fromKafkaRecord(record)).toThrow(EnvelopeError);
    expect(() => fromKafkaRecord(record)).toThrow(header);
  });

  it('refuses a value that is not a JSON object', () => {
    const record = toKafkaRecord(sampleEvent('s', 0));
    expect(() => fromKafkaRecord({ ...record, value: '[1]' })).toThrow(/value/);
    expect(() => fromKafkaRecord({ ...record, value: '{' })).toThrow(/JSON illisible/);
  });

  it('builds the envelope of a stored event with its actor, correlation and causation', () => {
    const envelope = envelopeFor(
      {
        streamId: 'commitment-1',
        revision: 0,
        eventId: 'e1',
        type: 'commitments.commitment-recorded',
        schemaVersion: 2,
        data: { amount: '10.00' },
        metadata: { actor: 'anru', correlationId: 'c1', causationId: 'k1' },
        recordedAt: '2016-01-01T00:00:00.000Z',
        hash: 'h',
        checkpoint: { commit: 7n, position: 9n },
      },
      '/commitments',
    );
    expect(envelope).toMatchObject({
      id: 'e1',
      subject: 'commitment-1',
      actor: 'anru',
      correlationid: 'c1',
      causationid: 'k1',
      globalposition: '7:9',
      schemaversion: 2,
    });
    expect(topicFor('commitments')).toBe('commitments.events.v1');
  });
});

describe('contracts/envelope', () => {
  const registry = new ContractRegistry();
  it('accepts the envelope the code builds', () => {
    expect(registry.check(sampleEvent('commitment-1', 0), { requireEventSchema: false })).toEqual([]);
  });
  it('names what breaks it', () => {
    const broken = {
      ...sampleEvent('commitment-1', 0),
      revision: -1,
      specversion: '0.3',
    } as unknown as IntegrationEvent;
    const paths = registry.check(broken, { requireEventSchema: false }).map((v) => v.path);
    expect(paths).toEqual(expect.arrayContaining(['/revision', '/specversion']));
    expect(
      registry
        .check(sampleEvent('c', 0))
        .map((v) => v.message)
        .join(),
    ).toContain('aucun schéma');
  });
});
