import { formatEurosFr, toDecimalString, type Cents } from '@cvl/money';
import { referenceKey, type Commitment, type CommitmentsState } from '../domain/state';

/**
 * The leverage map: per quartier (QPV) or stake, and per year, what each kind of money brings — the droit commun of
 * the partners, the State's crédits spécifiques (programme 147), ANRU, the EU funds, the social landlords — so that
 * the partners see how much droit commun sits beside each euro of crédits spécifiques (the « effet levier » the
 * contract asks of them). Money not attributed to a quartier (held at the CALL's or the Bassin Minier's scale) is
 * its own row, never spread. Pure: the ledger's state in, figures in cents out (decimal strings in the view).
 */

export const MONEY_KINDS = {
  'droit-commun': 'droit commun des partenaires',
  'credits-specifiques': 'crédits spécifiques de l’État (P147)',
  anru: 'ANRU',
  'fonds-europeens': 'fonds européens (FEDER, FSE)',
  bailleurs: 'bailleurs sociaux',
  'non-ventile': 'enveloppes communes non ventilées',
} as const;
export type MoneyKind = keyof typeof MONEY_KINDS;
const KINDS = Object.keys(MONEY_KINDS) as MoneyKind[];

/** Which figure of each commitment counts: all it holds (engagé), what is firm, or what is paid. */
export const LEVERAGE_FIGURES = { engage: 'engagé', ferme: 'ferme', paye: 'payé' } as const;
export type LeverageFigure = keyof typeof LEVERAGE_FIGURES;

/** The rows of the map: quartiers or stakes. */
export type LeverageAxis = 'quartier' | 'stake';

/** The row of money no quartier (or stake) is named for. */
export const UNATTRIBUTED = 'non-territorialise';

/** The kind of money a funder brings, from its category (and programme) in the referential. */
export function moneyKindOf(state: CommitmentsState, funder: string): MoneyKind {
  const attributes = state.references.get(referenceKey('funder', funder))?.attributes ?? {};
  const has = (key: string, value: string) =>
    attributes[key] === value || (Array.isArray(attributes[key]) && (attributes[key] as string[]).includes(value));
  if (has('programme', '147')) return 'credits-specifiques';
  if (has('category', 'anru')) return 'anru';
  if (has('category', 'eu')) return 'fonds-europeens';
  if (has('category', 'landlord')) return 'bailleurs';
  if (has('category', 'pool')) return 'non-ventile';
  return 'droit-commun';
}

function figureOf(c: Commitment, figure: LeverageFigure): Cents {
  if (c.status === 'lapsed') return 0n;
  if (figure === 'paye') return c.paidCents;
  if (figure === 'ferme') return c.status === 'firm' ? c.amountCents : 0n;
  return c.amountCents;
}

type Sums = Record<MoneyKind, Cents>;
const zero = (): Sums => Object.fromEntries(KINDS.map((k) => [k, 0n])) as Sums;

/** Bounds the map: a contract's quartiers or stakes (the CALL has 22 QPV) and its years. */
const MAX_ROWS = 1_000;
const MAX_YEARS = 101;

export function leverageMap(state: CommitmentsState, axis: LeverageAxis, figure: LeverageFigure) {
  const rows = new Map<string, { sums: Sums; byYear: Map<number, Sums> }>();
  for (const c of state.commitments.values()) {
    // A pool's parts carry its money once split; an unsplit pool is the « non ventilé » kind, at its own place.
    const cents = figureOf(c, figure);
    if (cents === 0n) continue;
    const key = (axis === 'quartier' ? c.attribution.quartier : c.attribution.stake) ?? UNATTRIBUTED;
    const row = rows.get(key) ?? { sums: zero(), byYear: new Map<number, Sums>() };
    const kind = moneyKindOf(state, c.funder);
    row.sums[kind] += cents;
    const year = row.byYear.get(c.attribution.year) ?? zero();
    year[kind] += cents;
    row.byYear.set(c.attribution.year, year);
    rows.set(key, row);
    if (rows.size > MAX_ROWS) throw new Error(`carte des leviers : plus de ${MAX_ROWS} lignes`);
  }
  const euros = (sums: Sums) =>
    Object.fromEntries(KINDS.map((k) => [k, toDecimalString(sums[k])])) as Record<MoneyKind, string>;
  const total = (sums: Sums) => KINDS.reduce((sum, k) => sum + sums[k], 0n);
  /** Droit commun per euro of crédits spécifiques, to the hundredth (« 3,25 ») — none without crédits spécifiques. */
  const leverage = (sums: Sums) => {
    if (sums['credits-specifiques'] === 0n) return null;
    const hundredths = (sums['droit-commun'] * 100n) / sums['credits-specifiques'];
    return `${hundredths / 100n},${String(hundredths % 100n).padStart(2, '0')}`;
  };
  const referenceKind = axis === 'quartier' ? 'quartier' : 'stake';
  const nameOf = (key: string) =>
    key === UNATTRIBUTED
      ? axis === 'quartier'
        ? 'non territorialisé (échelle de la CALL ou du Bassin Minier)'
        : 'sans enjeu désigné'
      : (state.references.get(referenceKey(referenceKind, key))?.name ?? key);
  const grand = zero();
  const view = [...rows.entries()]
    .sort(([a], [b]) => (a === UNATTRIBUTED ? 1 : b === UNATTRIBUTED ? -1 : a.localeCompare(b)))
    .map(([key, row]) => {
      for (const k of KINDS) grand[k] += row.sums[k];
      if (row.byYear.size > MAX_YEARS) throw new Error(`carte des leviers : plus de ${MAX_YEARS} années`);
      return {
        key,
        name: nameOf(key),
        amounts: euros(row.sums),
        total: toDecimalString(total(row.sums)),
        totalFormatted: formatEurosFr(total(row.sums)),
        leverage: leverage(row.sums),
        years: [...row.byYear.entries()]
          .sort(([a], [b]) => a - b)
          .map(([year, sums]) => ({ year, amounts: euros(sums), total: toDecimalString(total(sums)) })),
      };
    });
  return {
    axis,
    figure,
    figureLabel: LEVERAGE_FIGURES[figure],
    kinds: KINDS.map((key) => ({ key, label: MONEY_KINDS[key] })),
    rows: view,
    totals: { amounts: euros(grand), total: toDecimalString(total(grand)), leverage: leverage(grand) },
  };
}

export type LeverageMap = ReturnType<typeof leverageMap>;
