import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@cvl/event-store';
import { EVENT_STORE, EventSourcedRepository } from '@cvl/platform';
import { SCHEMA_VERSION, type Interest, type RenewalEvent } from '../domain/events';

/** ANRU's list of the NPNRU quartiers: one stream for the whole programme. */
export interface NpnruList {
  quartiers: ReadonlyMap<string, { name: string; interest: Interest }>;
}

export const NPNRU_LIST_ID = 'npnru';

export function evolveNpnruList(state: NpnruList | undefined, event: RenewalEvent): NpnruList {
  if (event.type !== 'renewal-urban.npnru-quartier-listed') return state ?? { quartiers: new Map() };
  const quartiers = new Map(state?.quartiers ?? []);
  quartiers.set(event.data.code, { name: event.data.name, interest: event.data.interest });
  return { quartiers };
}

@Injectable()
export class NpnruListRepository extends EventSourcedRepository<NpnruList, RenewalEvent> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, {
      streamOf: (id) => `renewal-urban-${id}-quartiers`,
      evolve: evolveNpnruList,
      schemaVersion: SCHEMA_VERSION,
      notFound: () => 'Aucun quartier NPNRU n’est encore listé',
    });
  }
}
