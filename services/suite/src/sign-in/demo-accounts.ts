import type { Role } from '@cvl/platform';

/** A person the embedded identity provider lets sign in with no password: for trying the suite, never for production. */
export interface DemoAccount {
  subject: string;
  name: string;
  organisation: string;
  organisationName: string;
  roles: Role[];
}

const account = (role: Role, organisation: string, organisationName: string, name: string): DemoAccount => ({
  subject: `demo.${role}.${organisation}`,
  name,
  organisation,
  organisationName,
  roles: [role],
});

/**
 * One account per role and per organisation of the Lens-Liévin contract that acts under it: each partner's finance
 * team, the CALL's contract team, ANRU, the Région as managing authority, the project owners, the auditors.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account('pilotage', 'call', 'Communauté d’Agglomération de Lens-Liévin', 'Équipe du contrat de ville (CALL)'),
  account('financeur', 'maisons-et-cites', 'Maisons et Cités Soginorpa', 'Direction financière de Maisons et Cités'),
  account('financeur', 'call', 'Communauté d’Agglomération de Lens-Liévin', 'Service financier de la CALL'),
  account('financeur', 'etat', 'État — Préfecture du Pas-de-Calais', 'Préfecture — politique de la ville'),
  account('financeur', 'region', 'Région Nord – Pas-de-Calais', 'Région — direction des finances'),
  account('financeur', 'departement', 'Conseil Départemental du Pas-de-Calais', 'Département — direction des finances'),
  account('financeur', 'anru', 'Agence Nationale pour la Rénovation Urbaine', 'ANRU — direction financière'),
  account('financeur', 'caisse-des-depots', 'Caisse des Dépôts', 'Caisse des Dépôts — direction régionale'),
  account('financeur', 'caf', 'Caisse d’Allocations Familiales du Pas-de-Calais', 'CAF — action sociale'),
  account('financeur', 'pas-de-calais-habitat', 'Pas-de-Calais Habitat', 'Pas-de-Calais Habitat — finances'),
  account('financeur', 'ville-lens', 'Ville de Lens', 'Ville de Lens — finances'),
  account('maitre-ouvrage', 'maisons-et-cites', 'Maisons et Cités Soginorpa', 'Maisons et Cités — maîtrise d’ouvrage'),
  account(
    'maitre-ouvrage',
    'call',
    'Communauté d’Agglomération de Lens-Liévin',
    'CALL — maîtrise d’ouvrage des études',
  ),
  account('maitre-ouvrage', 'ville-lens', 'Ville de Lens', 'Ville de Lens — maîtrise d’ouvrage'),
  account(
    'instructeur-anru',
    'anru',
    'Agence Nationale pour la Rénovation Urbaine',
    'ANRU — chargé de mission territorial',
  ),
  account('autorite-gestion', 'region', 'Région Nord – Pas-de-Calais', 'Région — autorité de gestion du FEDER'),
  account('auditeur', 'cour-des-comptes', 'Cour des comptes — chambre régionale', 'Chambre régionale des comptes'),
  account('exploitation', 'cvl', 'Plateforme du grand livre', 'Exploitation de la plateforme'),
  account('admin', 'cvl', 'Plateforme du grand livre', 'Administration de la plateforme'),
];

export function demoAccount(subject: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.subject === subject);
}
