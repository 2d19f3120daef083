import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@cvl/event-store';
import { EVENT_STORE, EventSourcedRepository } from '@cvl/platform';
import { SCHEMA_VERSION, type RenewalEvent } from '../domain/events';
import { evolve, type Protocol } from '../domain/state';

export const protocolStream = (protocolId: string) => `renewal-urban-protocol-${protocolId}`;

/** One stream per protocol. */
@Injectable()
export class ProtocolRepository extends EventSourcedRepository<Protocol, RenewalEvent> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, {
      streamOf: protocolStream,
      evolve,
      schemaVersion: SCHEMA_VERSION,
      notFound: (id) => `Protocole inconnu : ${id}`,
    });
  }
}
