/**
 * The ITI's rules as data with effective dates: the rule in force for an application is the latest whose `from`
 * is not after the application's date. A later version applies from its date without rewriting earlier decisions.
 */
export type DwellingClass = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';

export interface EnergyRule {
  id: string;
  priority: string;
  from: string;
  /** Consumption after works must be strictly below this, per dwelling (kWh/m²/year)… */
  maxKwhPerM2Year: number;
  /** …or below this for dwellings in class G before works. */
  maxKwhPerM2YearClassG: number;
  source: string;
}

export const ENERGY_RULES: EnergyRule[] = [
  {
    id: '4c-consommation-apres-travaux',
    priority: '4c',
    from: '2014-01-01',
    maxKwhPerM2Year: 104,
    maxKwhPerM2YearClassG: 130,
    source:
      'axe 3, priorité 4c : consommation après travaux inférieure à 104 kWh/m²/an par logement, 130 pour les logements en classe G (l. 5106)',
  },
];

export interface FederRateRule {
  from: string;
  maxRateBasisPoints: number;
  source: string;
}

/** The FEDER rate cap per operation. The document states none: it is the managing authority's parameter. */
export const FEDER_RATE_CAPS: FederRateRule[] = [
  {
    from: '2014-01-01',
    maxRateBasisPoints: 5_000,
    source: 'taux plafond FEDER par opération fixé par l’autorité de gestion (paramètre, 50 % par défaut)',
  },
];

/** Investment priorities per axis (the ones the document names; others may be added with their axis). */
export const PRIORITIES: Record<number, string[]> = {
  1: ['1a', '1b', '3a'],
  2: ['2c'],
  3: ['4a', '4c', '4e'],
  4: ['6c', '6d', '9b'],
};

export function inForce<T extends { from: string }>(
  rules: readonly T[],
  onDate: string,
  filter: (rule: T) => boolean = () => true,
): T | undefined {
  return rules.filter((r) => filter(r) && r.from <= onDate).sort((a, b) => (a.from < b.from ? 1 : -1))[0];
}

export interface Dwelling {
  id: string;
  classBefore: DwellingClass;
  /** Consumption after works, kWh/m²/year (integer, as energy performance diagnoses state it). */
  consumptionAfter: number;
  /** Its share of the eligible cost (euros, « 25000.00 »), when the application states it for every dwelling. */
  eligibleCost?: string;
}

export interface RuleCheck {
  rule: string;
  passed: boolean;
  explanation: string;
}

/** Each dwelling against the energy rule in force: which passed, which failed, and why, in words. */
export function checkEnergy(dwellings: readonly Dwelling[], rule: EnergyRule): RuleCheck[] {
  return dwellings.map((d) => {
    const limit = d.classBefore === 'G' ? rule.maxKwhPerM2YearClassG : rule.maxKwhPerM2Year;
    const passed = d.consumptionAfter < limit;
    return {
      rule: rule.id,
      passed,
      explanation: `logement ${d.id} (classe ${d.classBefore} avant travaux) : ${d.consumptionAfter} kWh/m²/an après travaux ${passed ? '<' : '≥'} ${limit} — ${passed ? 'conforme' : 'non conforme'} (${rule.source})`,
    };
  });
}
