import { NotFoundException } from '@nestjs/common';
import type { Access, RoutePolicy } from '@cvl/platform';
import type { Commitment, CommitmentsState } from '../domain/state';

/**
 * Who may do what in the ledger of record, named once for its routes. A financeur books only its own euros (the
 * commitments whose funder is its organisation); the contract's team steers (envelopes, conditions, splits); the
 * auditors read everything and write nothing.
 */
export const BOOKS_OWN_COMMITMENTS: RoutePolicy = {
  all: [],
  own: { financeur: 'ses propres engagements (financeur = son organisation)' },
};
export const STEERS_CONTRACT: RoutePolicy = { all: ['pilotage'] };
export const READS_COMMITMENTS: RoutePolicy = {
  all: ['pilotage', 'auditeur'],
  own: { financeur: 'ses propres engagements' },
};
export const READS_ENVELOPES: RoutePolicy = {
  all: ['pilotage', 'auditeur'],
  own: { financeur: 'les enveloppes de son organisation' },
};
export const READS_CONDITIONS: RoutePolicy = {
  all: ['pilotage', 'auditeur'],
  own: { financeur: 'les conditions qu’attendent ses engagements, et ceux-là seuls' },
};

/**
 * Who reads the registry: the contract's team and the auditors all of it; a financeur the operations it finances
 * (with every co-funder's share: that is co-financing), a project owner its own, ANRU and the managing authority
 * those their programme knows.
 */
export const READS_OPERATIONS: RoutePolicy = {
  all: ['pilotage', 'auditeur'],
  own: {
    financeur: 'les opérations qu’il cofinance, avec la part de chaque cofinanceur',
    'maitre-ouvrage': 'les opérations dont il est maître d’ouvrage',
    'instructeur-anru': 'les opérations du NPNRU',
    'autorite-gestion': 'les opérations de l’ITI-FEDER',
  },
};

/** Refuses a booking for a funder that is not the principal's organisation (403, naming both). */
export function assertBooksFor(access: Access, funder: string): void {
  access.requireFor(
    'financeur',
    funder,
    `${access.organisation} ne peut inscrire ou modifier que ses propres engagements, pas ceux de ${funder}`,
  );
}

/** A command on an existing commitment: refused unless the principal books for its funder. Unknown ones are the decider's to say. */
export function ownCommitmentGuard(access: Access, commitmentId: string) {
  return (state: CommitmentsState) => {
    const commitment = state.commitments.get(commitmentId);
    if (commitment) assertBooksFor(access, commitment.funder);
  };
}

/** May this principal see this commitment? */
export function seesCommitment(access: Access, commitment: Pick<Commitment, 'funder'>): boolean {
  return access.mayActFor('financeur', commitment.funder);
}

/** The commitment if the principal may see it; another funder's is as unknown as one that does not exist (404). */
export function visibleCommitment(access: Access, state: CommitmentsState, commitmentId: string): Commitment {
  const commitment = state.commitments.get(commitmentId);
  if (!commitment || !seesCommitment(access, commitment))
    throw new NotFoundException(`Engagement inconnu : ${commitmentId}`);
  return commitment;
}
