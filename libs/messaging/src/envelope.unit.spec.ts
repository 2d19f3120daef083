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

const registry = new ContractRegistry();

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

  it('carries the W3C trace context of the metadata in the distributed-tracing extension, and drops a malformed one', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const stored = (metadata: Record<string, string>) =>
      envelopeFor(
        {
          streamId: 's',
          revision: 0,
          eventId: 'e1',
          type: 'commitments.commitment-recorded',
          schemaVersion: 1,
          data: {},
          metadata,
          recordedAt: '2016-01-01T00:00:00.000Z',
          hash: 'h',
          checkpoint: { commit: 1n, position: 1n },
        },
        '/commitments',
      );
    const traced = stored({ traceparent, tracestate: 'cvl=1' });
    expect(traced).toMatchObject({ traceparent, tracestate: 'cvl=1' });
    const record = toKafkaRecord(traced);
    expect(record.headers).toMatchObject({ ce_traceparent: traceparent, ce_tracestate: 'cvl=1' });
    expect(fromKafkaRecord(record)).toEqual(traced);
    const envelopeOnly = { requireEventSchema: false };
    expect(registry.check({ ...sampleEvent('s', 0), traceparent, tracestate: 'cvl=1' }, envelopeOnly)).toEqual([]);
    expect(registry.check({ ...sampleEvent('s', 0), traceparent: 'bad' }, envelopeOnly).map((v) => v.path)).toEqual([
      '/traceparent',
    ]);
    // Not traced: no header at all; a header that is not a W3C traceparent is ignored, never a refusal.
    expect(toKafkaRecord(stored({})).headers).not.toHaveProperty('ce_traceparent');
    expect(stored({ traceparent: 'x' })).not.toHaveProperty('traceparent');
    expect(fromKafkaRecord({ ...record, headers: { ...record.headers, ce_traceparent: 'bad' } })).not.toHaveProperty(
      'traceparent',
    );
  });
});

describe('contracts/envelope', () => {
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
