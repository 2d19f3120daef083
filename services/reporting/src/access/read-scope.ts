import type { Access, RoutePolicy } from '@cvl/platform';
import type { ProjectedCommitment } from '../projection/commitment-projection';
import type { EnvelopeDoc, OperationDoc } from '../projection/programme-projection';

/**
 * What each principal may read of reporting's views. The contract's team and the auditors read everything; a
 * financeur reads its own euros, and on each operation it co-finances the other funders' shares too; a project
 * owner its own operations; ANRU the NPNRU's and the managing authority the ITI's.
 */
export const READS_FIGURES: RoutePolicy = {
  all: ['pilotage', 'auditeur'],
  own: { financeur: 'ses propres engagements' },
};
export const READS_OPERATIONS: RoutePolicy = {
  all: ['pilotage', 'auditeur'],
  own: {
    financeur: 'les opérations qu’il cofinance, avec la part (ferme ou indicative) de chaque cofinanceur',
    'maitre-ouvrage': 'les opérations dont il est maître d’ouvrage ou bénéficiaire',
    'instructeur-anru': 'les opérations du NPNRU',
    'autorite-gestion': 'les opérations de l’ITI-FEDER',
  },
};

const operationKey = (source: string, programme: string, operation: string) =>
  `${source}\u0000${programme}\u0000${operation}`;
/** The operations a commitment is booked for: the programme's that asked for it, and the registry's it names. */
const bookedFor = ({ request, attribution }: ProjectedCommitment): string[] => [
  ...(request?.protocolId && request.operationId
    ? [operationKey(request.source, request.protocolId, request.operationId)]
    : []),
  ...(attribution.operation ? [`registry\u0000${attribution.operation}`] : []),
];
/** An operation card's identities: its own, and the registry's operation it stands for (the same works). */
const keysOf = (operation: OperationDoc): string[] => [
  operationKey(operation.source, operation.programmeId, operation.operationId),
  ...(operation.registryOperation ? [`registry\u0000${operation.registryOperation}`] : []),
];

/** The principal's own commitments (all of them for those who read everything). */
export function ownCommitments(access: Access, docs: ProjectedCommitment[]): ProjectedCommitment[] {
  if (access.all) return docs;
  return seesFigures(access) ? docs.filter((d) => d.funder === access.organisation) : [];
}

/** Whether the principal sees any commitment's figures: all of them, or its own organisation's as a financeur. */
export function seesFigures(access: Access): boolean {
  return access.all || access.actsAs('financeur');
}

/** The budgets of the principal's organisation (every envelope for those who read everything). */
export function ownEnvelopes(access: Access, envelopes: EnvelopeDoc[]): EnvelopeDoc[] {
  return access.all
    ? envelopes
    : envelopes.filter((e) => e.kind === 'budget' && access.actsAs('financeur') && e.funder === access.organisation);
}

/** May the principal read this operation's card? */
function readsOperation(access: Access, operation: OperationDoc, financedByMe: ReadonlySet<string>): boolean {
  if (access.all) return true;
  const org = access.organisation;
  if (
    access.actsAs('financeur') &&
    (operation.plan.some((l) => l.funder === org) || keysOf(operation).some((key) => financedByMe.has(key)))
  )
    return true;
  if (access.actsAs('maitre-ouvrage') && operation.owner === org) return true;
  if (access.actsAs('instructeur-anru') && operation.source === 'renewal-urban') return true;
  return access.actsAs('autorite-gestion') && operation.source === 'iti-feder';
}

/**
 * The operations the principal may read and the commitments booked for them: on an operation it may read, every
 * co-funder's share is shown — that is what co-financing means — and nothing of operations it has no part in.
 */
export function visibleOperations(
  access: Access,
  operations: OperationDoc[],
  docs: ProjectedCommitment[],
): { operations: OperationDoc[]; commitments: ProjectedCommitment[] } {
  if (access.all) return { operations, commitments: docs };
  const financedByMe = new Set(docs.filter((d) => d.funder === access.organisation).flatMap(bookedFor));
  const visible = operations.filter((o) => readsOperation(access, o, financedByMe));
  const keys = new Set(visible.flatMap(keysOf));
  return { operations: visible, commitments: docs.filter((d) => bookedFor(d).some((key) => keys.has(key))) };
}

/**
 * Whose commitments a figures view needs read from the database: a financeur's own (and the parts of its pools), a
 * funder asked for by name, or everything — `ownCommitments` still filters what comes back.
 */
export function figuresScope(access: Access, funder?: string): { funder?: string } {
  if (!access.all) return { funder: access.organisation };
  return funder === undefined ? {} : { funder };
}
