import { fromDecimalString, toDecimalString } from '@cvl/money';
import type { MatrixCellRow } from '../infrastructure/read-models';
import { figuresOf, type ProjectedCommitment } from '../projection/commitment-projection';

export interface MatrixFilter {
  funder?: string;
  quartier?: string;
  stake?: string;
  year?: number;
}

export type Figures = ReturnType<typeof figuresOf>;
/** The five figures every view shows, in the order people read them. */
export const FIGURE_KEYS = ['indicative', 'conditional', 'firm', 'paid', 'outstanding'] as const;
export const zero = (): Figures => ({ indicative: 0n, conditional: 0n, firm: 0n, paid: 0n, outstanding: 0n });
export const plus = (a: Figures, b: Figures): Figures => ({
  indicative: a.indicative + b.indicative,
  conditional: a.conditional + b.conditional,
  firm: a.firm + b.firm,
  paid: a.paid + b.paid,
  outstanding: a.outstanding + b.outstanding,
});
export const asJson = (f: Figures) =>
  Object.fromEntries(Object.entries(f).map(([k, v]) => [k, toDecimalString(v)])) as Record<keyof Figures, string>;
export const fromJson = (f: Record<keyof Figures, string>): Figures =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, fromDecimalString(f[k])])) as Figures;

export const NONE = '(non rattaché)';

export function matches(doc: ProjectedCommitment, filter: MatrixFilter): boolean {
  return (
    (!filter.funder || doc.funder === filter.funder) &&
    (!filter.quartier || (doc.attribution.quartier ?? NONE) === filter.quartier) &&
    (!filter.stake || (doc.attribution.stake ?? NONE) === filter.stake) &&
    (filter.year === undefined || doc.attribution.year === filter.year)
  );
}

export interface MatrixCell {
  funder: string;
  stake: string;
  quartier: string;
  year: number;
  figures: Figures;
  commitments: number;
}

/** The co-financing matrix: funder × stake × quartier × year, with indicative / conditional / firm / paid / outstanding. */
export function coFinancingMatrix(docs: readonly ProjectedCommitment[], filter: MatrixFilter = {}) {
  const cells = new Map<string, MatrixCell>();
  for (const doc of docs.filter((d) => matches(d, filter))) {
    const key = [
      doc.funder,
      doc.attribution.stake ?? NONE,
      doc.attribution.quartier ?? NONE,
      doc.attribution.year,
    ].join('\u0000');
    const cell = cells.get(key) ?? {
      funder: doc.funder,
      stake: doc.attribution.stake ?? NONE,
      quartier: doc.attribution.quartier ?? NONE,
      year: doc.attribution.year,
      figures: zero(),
      commitments: 0,
    };
    cells.set(key, { ...cell, figures: plus(cell.figures, figuresOf(doc)), commitments: cell.commitments + 1 });
  }
  return matrixOfCells([...cells.values()], filter);
}

/** The matrix from the cells SQL summed (ReadModels.matrixCells), their figures in euros as decimal text. */
export function matrixOfSums(rows: readonly MatrixCellRow[], filter: MatrixFilter = {}) {
  return matrixOfCells(
    rows.map(({ indicative, conditional, firm, paid, outstanding, ...cell }) => ({
      ...cell,
      figures: fromJson({ indicative, conditional, firm, paid, outstanding }),
    })),
    filter,
  );
}

/** The matrix from its cells (summed in SQL, or above): in the order people read it, with its total. */
export function matrixOfCells(cells: readonly MatrixCell[], filter: MatrixFilter = {}) {
  const total = cells.reduce((sum, cell) => plus(sum, cell.figures), zero());
  const rows = [...cells]
    .sort(
      (a, b) =>
        a.funder.localeCompare(b.funder) ||
        a.stake.localeCompare(b.stake) ||
        a.quartier.localeCompare(b.quartier) ||
        a.year - b.year,
    )
    .map((c) => ({ ...c, figures: asJson(c.figures) }));
  return { filter, rows, total: asJson(total) };
}

/** The matrix as the route answers it: its filter, its rows in reading order, its total. */
export type CoFinancingMatrix = ReturnType<typeof matrixOfCells>;
