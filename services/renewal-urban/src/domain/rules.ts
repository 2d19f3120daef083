/**
 * ANRU's rules are data with effective dates: a later version applies from its date without rewriting history.
 * The rule in force for an operation is the one whose `from` is the latest not after the operation's reference
 * date (its comité d'engagement, else its start).
 */
export type OperationNature =
  | 'etude'
  | 'conduite-de-projet'
  | 'expertise'
  | 'participation-des-habitants'
  | 'demolition'
  | 'reconstitution'
  | 'rehabilitation'
  | 'residentialisation'
  | 'amenagement'
  | 'equipement'
  | 'relogement';

export const OPERATION_NATURES: OperationNature[] = [
  'etude',
  'conduite-de-projet',
  'expertise',
  'participation-des-habitants',
  'demolition',
  'reconstitution',
  'rehabilitation',
  'residentialisation',
  'amenagement',
  'equipement',
  'relogement',
];

/** Studies and ingénierie: what the préfiguration protocol pays for. */
export const INGENIERIE: OperationNature[] = [
  'etude',
  'conduite-de-projet',
  'expertise',
  'participation-des-habitants',
];

export interface RateCapRule {
  id: string;
  /** Effective from this date (AAAA-MM-JJ). */
  from: string;
  funder: string;
  natures: OperationNature[];
  maxRateBasisPoints: number;
  /** Where the rule comes from, for the refusal message. */
  source: string;
}

export const RATE_CAPS: RateCapRule[] = [
  {
    id: 'anru-etudes-ingenierie-50',
    from: '2014-02-21',
    funder: 'anru',
    natures: INGENIERIE,
    maxRateBasisPoints: 5_000,
    source:
      'règlement général de l’ANRU : études et ingénierie du protocole de préfiguration, au plus 50 % de l’assiette HT',
  },
];

/** The cap in force for a funder and a nature on a date, if any. */
export function rateCapInForce(
  rules: readonly RateCapRule[],
  funder: string,
  nature: OperationNature,
  onDate: string,
): RateCapRule | undefined {
  return rules
    .filter((r) => r.funder === funder && r.natures.includes(nature) && r.from <= onDate)
    .sort((a, b) => (a.from < b.from ? 1 : -1))[0];
}
