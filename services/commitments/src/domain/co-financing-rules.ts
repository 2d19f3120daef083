/**
 * The co-financing rules: how much aid one operation may receive, whichever programmes and funders give it. Data
 * with effective dates and their legal source, as the programmes' own rules files are: the rule that applies to an
 * operation is the one in force on its reference date (its start, else the date of the booking). A rule recorded in
 * the ledger (`commitments.co-financing-rule-recorded`) with the id of one below replaces it; with a new id, adds one.
 *
 * Rates are in basis points of the operation's eligible base excluding VAT (HT): 8 000 = 80 %.
 */
export interface CoFinancingRule {
  id: string;
  /** In force from this date (AAAA-MM-JJ), to this one included when it was replaced. */
  from: string;
  to?: string;
  /** What is capped, in the users' words. */
  label: string;
  /** The legal source, quoted in every refusal and in the integrity report. */
  source: string;
  /** Whose aid the cap bounds: every funder but the project owner, public funders only, or one funder. */
  bounds: 'all-aid' | 'public-aid' | 'funder';
  /** With `bounds: 'funder'`: which funder. */
  funder?: string;
  maxRateBasisPoints: number;
  /** When the rule applies (every condition given must hold); none: always. */
  when?: {
    /** Some funder of the operation is of one of these categories (e.g. a State subsidy). */
    anyFunderCategory?: string[];
    /** The project owner is a funder of one of these categories (e.g. a local authority). */
    ownerCategory?: string[];
    /** The operation is of one of these natures (e.g. studies and ingénierie). */
    natures?: string[];
  };
  /** Exceptions the text allows, said here until each is encoded as a condition. */
  exceptions?: string;
}

/** Funders whose aid is public aid (categories of the referential: `category=` of each funder). */
export const PUBLIC_CATEGORIES = ['state', 'anru', 'region', 'department', 'epci', 'commune', 'eu'];
const LOCAL_AUTHORITIES = ['region', 'department', 'epci', 'commune'];
const INGENIERIE = ['etude', 'conduite-de-projet', 'expertise', 'participation-des-habitants'];

/** What an operation is, in the programmes' words (the NPNRU's natures, and the works the ITI finances). */
/** Natures of works: what an investment subsidy pays for (a study, project management or an operating grant is not). */
export const WORKS_NATURES = [
  'demolition',
  'reconstitution',
  'rehabilitation',
  'residentialisation',
  'construction',
  'accession',
  'amenagement',
  'equipement',
] as const;

export const OPERATION_NATURES = [
  ...INGENIERIE,
  ...WORKS_NATURES,
  'relogement',
  'developpement-economique',
  'autre',
] as const;

export const CO_FINANCING_RULES: readonly CoFinancingRule[] = [
  {
    id: 'aides-dans-la-depense',
    from: '1900-01-01',
    label: 'aides de tous les financeurs au plus égales à la dépense éligible',
    source: 'principe de non-double financement : aucune aide au-delà de la dépense éligible de l’opération',
    bounds: 'all-aid',
    maxRateBasisPoints: 10_000,
  },
  {
    id: 'etat-80-decret-99-1060',
    from: '1999-12-18',
    to: '2018-09-30',
    label: 'aides publiques directes au plus 80 % de la dépense subventionnable, avec une subvention de l’État',
    source:
      'décret n° 99-1060 du 16 décembre 1999 relatif aux subventions de l’État pour des projets d’investissement, art. 10',
    bounds: 'public-aid',
    maxRateBasisPoints: 8_000,
    when: { anyFunderCategory: ['state'] },
    exceptions: 'dérogations de l’article 10 (outre-mer, rénovation urbaine, catastrophes naturelles…)',
  },
  {
    id: 'etat-80-decret-2018-514',
    from: '2018-10-01',
    label: 'aides publiques directes au plus 80 % de la dépense subventionnable, avec une subvention de l’État',
    source:
      'décret n° 2018-514 du 25 juin 2018 relatif aux subventions de l’État pour des projets d’investissement (remplace le décret n° 99-1060 au 1er octobre 2018)',
    bounds: 'public-aid',
    maxRateBasisPoints: 8_000,
    when: { anyFunderCategory: ['state'] },
    exceptions: 'dérogations prévues par le décret (outre-mer, rénovation urbaine, catastrophes naturelles…)',
  },
  {
    id: 'cgct-l1111-10-participation-minimale',
    from: '2012-01-01',
    label: 'une collectivité maître d’ouvrage apporte au moins 20 % des financements publics : les autres au plus 80 %',
    source: 'code général des collectivités territoriales, art. L1111-10, III',
    bounds: 'public-aid',
    maxRateBasisPoints: 8_000,
    when: { ownerCategory: LOCAL_AUTHORITIES },
    exceptions: 'dérogations du III (rénovation urbaine, patrimoine protégé, catastrophes naturelles…) par décision',
  },
  {
    id: 'anru-etudes-ingenierie-50',
    from: '2014-02-21',
    label: 'ANRU : études et ingénierie au plus 50 % de l’assiette HT',
    source:
      'règlement général de l’ANRU : études et ingénierie du protocole de préfiguration, au plus 50 % de l’assiette HT',
    bounds: 'funder',
    funder: 'anru',
    maxRateBasisPoints: 5_000,
    when: { natures: INGENIERIE },
  },
  {
    id: 'feder-taux-plafond-50',
    from: '2014-01-01',
    label: 'FEDER : au plus 50 % du coût éligible de l’opération',
    source:
      'programme opérationnel FEDER Nord – Pas-de-Calais 2014-2020, taux plafond par opération (autorité de gestion)',
    bounds: 'funder',
    funder: 'feder',
    maxRateBasisPoints: 5_000,
  },
];

/** The rules in force on a date: each id's version whose period holds the date (the latest `from` wins). */
export function rulesInForce(rules: readonly CoFinancingRule[], onDate: string): CoFinancingRule[] {
  const byId = new Map<string, CoFinancingRule>();
  for (const rule of rules) {
    if (rule.from > onDate || (rule.to !== undefined && rule.to < onDate)) continue;
    const kept = byId.get(rule.id);
    if (!kept || kept.from <= rule.from) byId.set(rule.id, rule);
  }
  return [...byId.values()];
}
