/**
 * How each funder pays, as dated and documented parameters (not law encoded as logic): the advance it pays once the
 * aid is notified, the share up to which it pays instalments on the expenditure claimed, the usual delay between a
 * claim and its payment, and the delay of the balance after the service fait. The pre-financing forecast reads them
 * (pre-financing/pre-financing.ts). A regulatory ceiling is quoted as its source; what is only the usual practice
 * says so, to be replaced by each funder's own financial regulation.
 *
 * Rates in basis points of the aid (8 000 = 80 %); delays in whole months.
 */
export interface PaymentRule {
  id: string;
  /** Whose aid: a category of the referential (« state », « eu »…), or every funder (« * »). */
  category: string;
  /** In force for an aid notified from this date (AAAA-MM-JJ), to this one included. */
  from: string;
  to?: string;
  label: string;
  source: string;
  advanceBasisPoints: number;
  /** Advance and instalments together stop at this share of the aid: the rest is the balance. */
  instalmentCeilingBasisPoints: number;
  /** From a claim (or the notification, for the advance) to the money on the owner's account. */
  delayMonths: number;
  /** From the end of the operation (service fait) to the balance paid. */
  balanceDelayMonths: number;
}

export const PAYMENT_RULES: readonly PaymentRule[] = [
  {
    id: 'etat-decret-99-1060',
    category: 'state',
    from: '1999-12-18',
    to: '2018-09-30',
    label: 'Subvention d’investissement de l’État (décret n° 99-1060)',
    source:
      'décret n° 99-1060 du 16 décembre 1999 : avance et acomptes plafonnés à 80 % du montant prévisionnel, solde après achèvement ; avance de 5 % et délais usuels retenus, à confirmer par le service instructeur',
    advanceBasisPoints: 500,
    instalmentCeilingBasisPoints: 8_000,
    delayMonths: 2,
    balanceDelayMonths: 4,
  },
  {
    id: 'etat-decret-2018-514',
    category: 'state',
    from: '2018-10-01',
    label: 'Subvention d’investissement de l’État (décret n° 2018-514)',
    source:
      'décret n° 2018-514 du 25 juin 2018 : avance et acomptes plafonnés à 80 % du montant prévisionnel, solde après achèvement ; avance de 5 % et délais usuels retenus, à confirmer par le service instructeur',
    advanceBasisPoints: 500,
    instalmentCeilingBasisPoints: 8_000,
    delayMonths: 2,
    balanceDelayMonths: 4,
  },
  {
    id: 'fonds-europeens-remboursement',
    category: 'eu',
    from: '2014-01-01',
    label: 'Fonds européens (FEDER, FSE) : remboursement des dépenses justifiées',
    source:
      'pratique de l’autorité de gestion : pas d’avance, paiements sur dépenses certifiées jusqu’à 80 %, solde au contrôle de service fait — délais usuels, à confirmer par la Région',
    advanceBasisPoints: 0,
    instalmentCeilingBasisPoints: 8_000,
    delayMonths: 6,
    balanceDelayMonths: 9,
  },
  {
    id: 'defaut',
    category: '*',
    from: '1900-01-01',
    label: 'Règle par défaut (règlement financier du financeur non encore saisi)',
    source:
      'paramètres par défaut : pas d’avance, acomptes sur dépenses jusqu’à 80 %, solde quatre mois après le service fait — à remplacer par le règlement financier de chaque financeur',
    advanceBasisPoints: 0,
    instalmentCeilingBasisPoints: 8_000,
    delayMonths: 2,
    balanceDelayMonths: 4,
  },
];

/** The rule for an aid of this category notified on this date: its category's, else the default. */
export function paymentRuleFor(category: string | undefined, notified: string): PaymentRule {
  const inForce = (rule: PaymentRule) => rule.from <= notified && (rule.to === undefined || notified <= rule.to);
  const own = PAYMENT_RULES.find((rule) => rule.category === category && inForce(rule));
  const fallback = PAYMENT_RULES.find((rule) => rule.category === '*' && inForce(rule));
  if (!fallback) throw new Error(`aucune règle de paiement par défaut le ${notified}`);
  return own ?? fallback;
}
