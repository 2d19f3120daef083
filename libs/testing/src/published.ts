import type { JsonObject, RecordedEvent } from '@cvl/event-store';
import {
  ContractRegistry,
  publishedEnvelope,
  type ContractViolation,
  type IntegrationEvent,
  type OutboundTranslator,
} from '@cvl/messaging';

/** A message a translator made of a decided event, with what contracts/ says is wrong with it (nothing, we hope). */
export interface CheckedMessage {
  topic: string;
  type: string;
  data: JsonObject;
  violations: ContractViolation[];
}

let registry: ContractRegistry | undefined;

/**
 * What a service would publish for events its deciders produced — as the relay does it: stored (JSON round trip),
 * translated, wrapped in its envelope — each message checked against contracts/, envelope and data.
 */
export function publishedMessages(
  translate: OutboundTranslator,
  source: string,
  events: ReadonlyArray<{ type: string; data: unknown }>,
): CheckedMessage[] {
  registry ??= new ContractRegistry();
  const contracts = registry;
  return events.flatMap((event, i) => {
    const recorded: RecordedEvent = {
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      streamId: `${source.slice(1)}-test`,
      revision: i,
      type: event.type,
      schemaVersion: 1,
      data: JSON.parse(JSON.stringify(event.data)) as JsonObject,
      metadata: { actor: { subject: 'test', organisation: 'cvl', roles: ['admin'] } },
      recordedAt: '2016-01-01T00:00:00.000Z',
      hash: '0'.repeat(64),
      checkpoint: { commit: 1n, position: BigInt(i) },
    };
    return translate(recorded).map((message) => {
      const envelope = publishedEnvelope(recorded, source, message);
      return { topic: message.topic, type: message.type, data: message.data, violations: contracts.check(envelope) };
    });
  });
}

/** The integration events a relay would publish on `topic` for stored events: to deliver them again, as Kafka may. */
export function relayedEnvelopes(
  translate: OutboundTranslator,
  source: string,
  events: readonly RecordedEvent[],
  topic: string,
): IntegrationEvent[] {
  return events.flatMap((event) =>
    translate(event)
      .filter((message) => message.topic === topic)
      .map((message) => publishedEnvelope(event, source, message)),
  );
}
