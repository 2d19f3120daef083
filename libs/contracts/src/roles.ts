/**
 * The suite's roles: part of the public contract, since every token carries some of them (and the web application
 * shows their names). A token carries some of them (mapped from the identity provider's claims); a route's policy says
 * which may call it, and whether on everything or on their own organisation's part only.
 */
export const ROLES = [
  'admin',
  'pilotage',
  'financeur',
  'maitre-ouvrage',
  'instructeur-anru',
  'autorite-gestion',
  'auditeur',
  'exploitation',
] as const;

export type Role = (typeof ROLES)[number];

/** The role's name, as people read it (sign-in page, web application): never the code. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administration',
  pilotage: 'Pilotage du contrat',
  financeur: 'Financeur',
  'maitre-ouvrage': 'Maître d’ouvrage',
  'instructeur-anru': 'Instruction ANRU',
  'autorite-gestion': 'Autorité de gestion FEDER',
  auditeur: 'Contrôle et audit',
  exploitation: 'Exploitation',
};

/** What each role is, in the words of its users (README, matrix, sign-in page). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'opérateur de la plateforme : tout, y compris le référentiel de la plateforme et les reconstructions',
  pilotage:
    'équipe du contrat de ville (CALL) : référentiel du contrat, enveloppes, conditions, répartitions ; lit tout le contrat',
  financeur:
    'équipe financière d’un partenaire : inscrit, affermit, modifie, paie et libère ses propres engagements ; lit son relevé et, sur chaque opération qu’il cofinance, la part des autres',
  'maitre-ouvrage':
    'porteur de projet : lit les opérations dont il est maître d’ouvrage, dépose plans, demandes et demandes de paiement',
  'instructeur-anru': 'ANRU : protocole de préfiguration, plans de financement, approbations',
  'autorite-gestion': 'Région, autorité de gestion du FEDER : ITI (enveloppe, instruction, programmation, paiements)',
  auditeur: 'contrôle (Cour des comptes, CICF…) : lit tout, exporte, provenance, intégrité ; n’écrit jamais',
  exploitation: 'exploitation : imports, reconstructions, santé ; aucune autre écriture métier',
};
