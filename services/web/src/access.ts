import { ROLE_LABELS, ROLES } from '@cvl/contracts';
import type { Principal } from './session';

// What each role finds in the menu. The API decides what is shown (every route has its policy and scopes its reads);
// this only keeps out of the menu what a role would be refused, mirroring docs/authorization-matrix.md.

export type View =
  | 'tableau'
  | 'releve'
  | 'matrice'
  | 'operations'
  | 'avenants'
  | 'echeances'
  | 'leviers'
  | 'tresorerie'
  | 'controles'
  | 'imports'
  | 'exports';

const READS_CONTRACT = ['admin', 'pilotage', 'auditeur'];

const VIEW_ROLES: Record<View, string[]> = {
  tableau: [...ROLES],
  releve: [...READS_CONTRACT, 'financeur'],
  matrice: [...READS_CONTRACT, 'financeur'],
  operations: [...READS_CONTRACT, 'financeur', 'maitre-ouvrage', 'instructeur-anru', 'autorite-gestion'],
  // Drafts are prepared by the contract's team and read by the co-funders they are shared with.
  avenants: [...READS_CONTRACT, 'financeur'],
  echeances: [...READS_CONTRACT, 'financeur'],
  // The whole contract's money per quartier: the contract's team and the auditors.
  leviers: [...READS_CONTRACT],
  // A project owner's cash plan: its own (its maîtrise d'ouvrage or its finance team), every one for the contract's.
  tresorerie: [...READS_CONTRACT, 'maitre-ouvrage', 'financeur'],
  controles: [...READS_CONTRACT, 'exploitation'],
  imports: ['admin', 'exploitation'],
  exports: [...READS_CONTRACT, 'financeur'],
};

export const VIEW_LABELS: Record<View, { label: string; path: string }> = {
  tableau: { label: 'Tableau de bord', path: '/' },
  releve: { label: 'Relevé', path: '/releve' },
  matrice: { label: 'Matrice de cofinancement', path: '/matrice' },
  operations: { label: 'Opérations', path: '/operations' },
  avenants: { label: 'Avenants', path: '/avenants' },
  echeances: { label: 'Échéances', path: '/echeances' },
  leviers: { label: 'Leviers', path: '/leviers' },
  tresorerie: { label: 'Préfinancement', path: '/tresorerie' },
  controles: { label: 'Contrôles', path: '/controles' },
  imports: { label: 'Imports', path: '/imports' },
  exports: { label: 'Exports', path: '/exports' },
};

export function mayOpen(principal: Principal, view: View): boolean {
  return principal.roles.some((role) => VIEW_ROLES[view].includes(role));
}

/** Reads the whole contract (every funder), rather than its own organisation's part. */
export const readsWholeContract = (principal: Principal) =>
  principal.roles.some((role) => READS_CONTRACT.includes(role));

/** The roles' names as people read them, from the public contract (the same words as the sign-in page). */
export const ROLE_NAMES: Record<string, string> = ROLE_LABELS;
