import { refusalCatalogue } from '@cvl/refusal';

/**
 * Every refusal of the renewal service (NPNRU, préfiguration protocol), by code: its kind (404, 409 or 422 at the
 * HTTP edge) and its title. The deciders refuse only with these codes; the OpenAPI document lists them.
 */
export const RENEWAL_REFUSALS = refusalCatalogue({
  'amendment-empty': { kind: 'conflict', title: 'Avenant sans changement' },
  'amount-not-positive': { kind: 'rule', title: 'Montant non strictement positif' },
  'anru-party-required': { kind: 'rule', title: 'L’ANRU doit être partie' },
  'base-not-positive': { kind: 'rule', title: 'Assiette non strictement positive' },
  'calendar-inverted': { kind: 'rule', title: 'Calendrier inversé' },
  'party-exists': { kind: 'conflict', title: 'Déjà partie au protocole' },
  'amendment-act-required': { kind: 'rule', title: 'Avenant requis' },
  'committee-required': { kind: 'conflict', title: 'Comité d’engagement requis' },
  'step-before-previous': { kind: 'rule', title: 'Étape datée avant la précédente' },
  'costs-before-committee': { kind: 'rule', title: 'Coûts antérieurs au comité d’engagement' },
  'duplicate-funder': { kind: 'rule', title: 'Financeur en double' },
  'duplicate-member': { kind: 'rule', title: 'Membre en double' },
  'funder-not-party': { kind: 'rule', title: 'Financeur non partie au protocole' },
  'group-too-small': { kind: 'rule', title: 'Groupement de commandes trop petit' },
  'invalid-qpv-code': { kind: 'rule', title: 'Code de quartier invalide' },
  'name-required': { kind: 'rule', title: 'Nom requis' },
  'quartier-outside-npnru': { kind: 'rule', title: 'Quartier hors NPNRU' },
  'npnru-interest-mismatch': { kind: 'rule', title: 'Intérêt NPNRU différent de la liste' },
  'invalid-weight': { kind: 'rule', title: 'Clé de répartition invalide' },
  'group-key-undefined': { kind: 'rule', title: 'Clé de répartition à définir' },
  'member-not-party': { kind: 'rule', title: 'Membre non partie au protocole' },
  'no-operation': { kind: 'rule', title: 'Protocole sans opération' },
  'no-purchasing-group': { kind: 'rule', title: 'Aucun groupement de commandes' },
  'not-bought-by-group': { kind: 'rule', title: 'Opération hors groupement de commandes' },
  'not-draft': { kind: 'conflict', title: 'Protocole plus en projet' },
  'not-signed': { kind: 'conflict', title: 'Protocole non signé' },
  'not-submitted': { kind: 'conflict', title: 'Protocole non soumis' },
  'nothing-to-revise': { kind: 'conflict', title: 'Révision sans changement' },
  'operation-exists': { kind: 'conflict', title: 'Opération déjà inscrite' },
  'operation-withdrawn': { kind: 'conflict', title: 'Opération retirée' },
  'owner-not-party': { kind: 'rule', title: 'Maître d’ouvrage non partie au protocole' },
  'plan-already-approved': { kind: 'conflict', title: 'Plan déjà approuvé' },
  'plan-empty': { kind: 'rule', title: 'Plan de financement vide' },
  'plan-missing': { kind: 'conflict', title: 'Plan de financement manquant' },
  'plan-over-financed': { kind: 'rule', title: 'Plan au-delà de l’assiette' },
  'plan-short': { kind: 'rule', title: 'Plan en deçà de l’assiette' },
  'protocol-exists': { kind: 'conflict', title: 'Protocole déjà ouvert' },
  'quartier-not-in-protocol': { kind: 'rule', title: 'Quartier hors du protocole' },
  'quartiers-required': { kind: 'rule', title: 'Quartier NPNRU requis' },
  'rate-cap-exceeded': { kind: 'rule', title: 'Taux plafond dépassé' },
  'unknown-nature': { kind: 'rule', title: 'Nature d’opération inconnue' },
  'unknown-operation': { kind: 'unknown', title: 'Opération inconnue' },
  'unknown-protocol': { kind: 'unknown', title: 'Protocole inconnu' },
});

export const refuse = RENEWAL_REFUSALS.refuse;
