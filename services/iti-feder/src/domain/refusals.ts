import { refusalCatalogue } from '@cvl/refusal';

/**
 * Every refusal of the ITI-FEDER service, by code: its kind (404, 409 or 422 at the HTTP edge) and its title. The
 * deciders refuse only with these codes; the OpenAPI document lists them.
 */
export const ITI_REFUSALS = refusalCatalogue({
  'above-programmed': { kind: 'rule', title: 'Paiement au-delà du programmé' },
  'accepted-above-claimed': { kind: 'rule', title: 'Dépenses retenues au-delà des déclarées' },
  'act-required': { kind: 'rule', title: 'Avenant requis' },
  'amount-not-positive': { kind: 'rule', title: 'Montant non strictement positif' },
  'axes-required': { kind: 'rule', title: 'Axe requis' },
  'axis-envelope-exceeded': { kind: 'rule', title: 'Enveloppe de l’axe dépassée' },
  'axis-outside-strategy': { kind: 'rule', title: 'Axe hors de la stratégie ITI' },
  'axis-without-envelope': { kind: 'rule', title: 'Axe sans enveloppe' },
  'below-programmed': { kind: 'rule', title: 'Enveloppe sous le programmé' },
  'claim-checked': { kind: 'conflict', title: 'Service fait déjà contrôlé' },
  'claim-exists': { kind: 'conflict', title: 'Demande de paiement déjà déposée' },
  'cost-not-positive': { kind: 'rule', title: 'Coût éligible non strictement positif' },
  'duplicate-funder': { kind: 'rule', title: 'Cofinanceur en double' },
  'dwellings-required': { kind: 'rule', title: 'Logements requis' },
  'expenses-not-positive': { kind: 'rule', title: 'Dépenses non strictement positives' },
  'feder-not-positive': { kind: 'rule', title: 'FEDER non strictement positif' },
  'feder-rate-above-cap': { kind: 'rule', title: 'Taux FEDER au-delà du plafond' },
  'final-claimed': { kind: 'conflict', title: 'Demande de solde déjà déposée' },
  'final-not-paid': { kind: 'conflict', title: 'Solde non payé' },
  'invalid-class': { kind: 'rule', title: 'Classe énergétique invalide' },
  'invalid-consumption': { kind: 'rule', title: 'Consommation invalide' },
  'invalid-qpv-code': { kind: 'rule', title: 'Code de quartier invalide' },
  'no-envelope': { kind: 'conflict', title: 'Enveloppe non fixée' },
  'not-agreed': { kind: 'conflict', title: 'Opération non conventionnée' },
  'not-appraised': { kind: 'conflict', title: 'Dossier non instruit' },
  'not-complete': { kind: 'conflict', title: 'Dossier incomplet' },
  'not-programmed': { kind: 'conflict', title: 'Opération non programmée' },
  'not-received': { kind: 'conflict', title: 'Dossier déjà traité' },
  'nothing-due': { kind: 'conflict', title: 'Rien à payer' },
  'operation-exists': { kind: 'conflict', title: 'Opération déjà déposée' },
  'over-financed': { kind: 'rule', title: 'Sur-financement' },
  'priority-outside-axis': { kind: 'rule', title: 'Priorité hors de l’axe' },
  'service-not-done': { kind: 'conflict', title: 'Service fait non contrôlé' },
  'share-above-envelope': { kind: 'rule', title: 'Part de la CALL au-delà de l’enveloppe' },
  'strategy-single-axis': { kind: 'rule', title: 'Stratégie à un seul axe' },
  'unknown-axis': { kind: 'rule', title: 'Axe inconnu' },
  'unknown-claim': { kind: 'unknown', title: 'Demande de paiement inconnue' },
  'unknown-operation': { kind: 'unknown', title: 'Opération inconnue' },
  'unknown-priority': { kind: 'rule', title: 'Priorité inconnue' },
});

export const refuse = ITI_REFUSALS.refuse;
