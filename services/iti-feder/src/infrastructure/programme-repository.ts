import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@cvl/event-store';
import { EVENT_STORE, EventSourcedRepository } from '@cvl/platform';
import { SCHEMA_VERSION, type ItiEvent } from '../domain/events';
import { evolve, type Programme } from '../domain/state';

export const programmeStream = (programmeId: string) => `iti-feder-programme-${programmeId}`;

/** One stream per ITI programme: an axis's envelope is a guard across all its operations. */
@Injectable()
export class ProgrammeRepository extends EventSourcedRepository<Programme, ItiEvent> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, {
      streamOf: programmeStream,
      evolve,
      schemaVersion: SCHEMA_VERSION,
      notFound: (id) => `Programme ITI inconnu : ${id}`,
    });
  }
}
