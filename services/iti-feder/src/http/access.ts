import { NotFoundException } from '@nestjs/common';
import { Versioned, type Access, type RoutePolicy } from '@cvl/platform';
import type { Programme } from '../domain/state';
import { programmeView } from './programme-view';

/** The Région, managing authority, runs the ITI; a beneficiary files its own applications and claims. */
export const MANAGES_ITI: RoutePolicy = { all: ['autorite-gestion'] };
export const FILES_APPLICATION: RoutePolicy = {
  all: ['autorite-gestion'],
  own: { 'maitre-ouvrage': 'ses propres demandes (bénéficiaire = son organisation)' },
};
export const FILES_CLAIM: RoutePolicy = {
  all: ['autorite-gestion'],
  own: { 'maitre-ouvrage': 'les demandes de paiement des opérations dont il est bénéficiaire' },
};
export const READS_PROGRAMME: RoutePolicy = {
  all: ['pilotage', 'autorite-gestion', 'auditeur'],
  own: {
    'maitre-ouvrage': 'les seules opérations dont il est bénéficiaire',
    financeur: 'les seules opérations qu’il cofinance',
  },
};
export const READS_FORECAST: RoutePolicy = { all: ['pilotage', 'autorite-gestion', 'auditeur'] };

/**
 * The programme as this principal may read it: whole, or only the operations it is the beneficiary or a co-funder
 * of (the axes' envelopes and what others programmed on them are the managing authority's business).
 */
export function programmeFor(access: Access, programme: Programme) {
  const view = programmeView(programme);
  if (access.all) return view;
  const mine = view.value.operations.filter(
    (o) =>
      (access.actsAs('maitre-ouvrage') && o.beneficiary === access.organisation) ||
      (access.actsAs('financeur') && o.coFunders.some((c) => c.funder === access.organisation)),
  );
  if (mine.length === 0) throw new NotFoundException(`Programme inconnu : ${programme.id}`);
  return new Versioned({ id: view.value.id, operations: mine }, view.revision);
}

/** A beneficiary acts for itself only. */
export function assertActsForBeneficiary(access: Access, beneficiary: string | undefined, what: string): void {
  access.requireFor(
    'maitre-ouvrage',
    beneficiary,
    `${access.organisation} ne dépose que ${what} dont il est bénéficiaire${beneficiary ? ` (ici : ${beneficiary})` : ''}`,
  );
}
