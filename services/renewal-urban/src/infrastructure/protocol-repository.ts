import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@cvl/event-store';
import { toDecimalString } from '@cvl/money';
import { commandEventId, DomainRefusal, EVENT_STORE, eventMetadata } from '@cvl/platform';
import { SCHEMA_VERSION, type RenewalEvent } from '../domain/events';
import { isRefusal, type Refusal } from '../domain/refusal';
import { evolve, type Protocol } from '../domain/state';

export const protocolStream = (protocolId: string) => `renewal-urban-protocol-${protocolId}`;
const MAX_ATTEMPTS = 10;

export function refusalToProblem(refusal: Refusal): DomainRefusal {
  return new DomainRefusal(
    refusal.code,
    refusal.status === 404 ? 'Introuvable' : refusal.status === 409 ? 'Conflit' : 'Demande refusée',
    refusal.message,
    refusal.status,
    refusal.field ? [{ field: refusal.field, message: refusal.message }] : [],
    refusal.excessCents !== undefined ? { excess: toDecimalString(refusal.excessCents) } : {},
  );
}

/** One stream per protocol; each command decides on the protocol as stored and appends with its revision. */
@Injectable()
export class ProtocolRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(protocolId: string): Promise<{ protocol?: Protocol; revision: number; events: RecordedEvent[] }> {
    const events = await this.store.readStream(protocolStream(protocolId));
    let protocol: Protocol | undefined;
    for (const event of events) protocol = evolve(protocol, { type: event.type, data: event.data } as unknown as RenewalEvent);
    return { protocol, revision: events.length - 1, events };
  }

  async get(protocolId: string): Promise<Protocol> {
    const { protocol } = await this.load(protocolId);
    if (!protocol) throw new NotFoundException(`Protocole inconnu : ${protocolId}`);
    return protocol;
  }

  async execute(protocolId: string, decide: (protocol: Protocol | undefined) => RenewalEvent[] | Refusal): Promise<{ protocol?: Protocol; recorded: RecordedEvent[] }> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { protocol, revision, events } = await this.load(protocolId);
      const firstId = commandEventId(0);
      if (events.some((e) => e.eventId === firstId)) return { protocol, recorded: events.filter((e) => e.eventId === firstId) };
      const decided = decide(protocol);
      if (isRefusal(decided)) throw refusalToProblem(decided);
      if (decided.length === 0) return { protocol, recorded: [] };
      try {
        const result = await this.store.append(
          protocolStream(protocolId),
          decided.map((event, index) => ({ eventId: commandEventId(index), type: event.type, schemaVersion: SCHEMA_VERSION, data: event.data as unknown as Record<string, never>, metadata: eventMetadata() })),
          revision === -1 ? 'no_stream' : revision,
        );
        let next = protocol;
        for (const event of decided) next = evolve(next, event);
        return { protocol: next, recorded: result.events };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) continue;
        throw error;
      }
    }
    throw new WrongExpectedRevisionError(protocolStream(protocolId), 'any', -1);
  }
}
