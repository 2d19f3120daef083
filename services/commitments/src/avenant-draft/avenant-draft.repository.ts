import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@cvl/event-store';
import { EVENT_STORE, EventSourcedRepository } from '@cvl/platform';
import { DRAFT_SCHEMA_VERSION, evolveBook, type AvenantDraftEvent, type DraftBook } from './avenant-draft';

/**
 * The drafts' stream. Not « commitments-… »: the relay publishes only those, and a draft is no fact of the ledger —
 * partners learn of an avenant when it is signed, by its bookings.
 */
export const DRAFTS_STREAM = 'avenant-drafts';
/** The key the repository's writes name (the book is one stream). */
export const BOOK = 'contrat';

@Injectable()
export class AvenantDraftRepository extends EventSourcedRepository<DraftBook, AvenantDraftEvent> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store, {
      streamOf: () => DRAFTS_STREAM,
      evolve: evolveBook,
      schemaVersion: DRAFT_SCHEMA_VERSION,
      notFound: () => 'Aucun projet d’avenant',
    });
  }
}
