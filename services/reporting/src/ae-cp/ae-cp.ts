import { formatEurosFr, fromDecimalString, toDecimalString } from '@cvl/money';
import type { ProjectedCommitment } from '../projection/commitment-projection';

/** Bounds a table: the years a contract spans (2000-2100 at most). */
const MAX_YEARS = 101;

export interface AeCpRow {
  year: number;
  engaged: string;
  paid: string;
  /** Restes à payer at the end of the year: AE to date − CP to date. */
  remaining: string;
  formatted: { engaged: string; paid: string; remaining: string };
}

/**
 * AE/CP as reporting's read model sees it, year by year: engaged (AE), paid (CP), and what remains to pay at each
 * year's end — from the movements each projected commitment carries, computed apart from the ledger's own table so
 * that the integrity report can set one against the other.
 */
export function aeCpRows(docs: readonly ProjectedCommitment[]): { rows: AeCpRow[]; totals: Omit<AeCpRow, 'year'> } {
  const byYear = new Map<number, { engaged: bigint; paid: bigint }>();
  for (const doc of docs)
    for (const movement of doc.aeCp ?? []) {
      const row = byYear.get(movement.year) ?? { engaged: 0n, paid: 0n };
      row.engaged += fromDecimalString(movement.engaged);
      row.paid += fromDecimalString(movement.paid);
      byYear.set(movement.year, row);
    }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  if (years.length > MAX_YEARS) throw new Error(`AE/CP : ${years.length} années, au plus ${MAX_YEARS}`);
  let engagedToDate = 0n;
  let paidToDate = 0n;
  const line = (engaged: bigint, paid: bigint, remaining: bigint) => ({
    engaged: toDecimalString(engaged),
    paid: toDecimalString(paid),
    remaining: toDecimalString(remaining),
    formatted: { engaged: formatEurosFr(engaged), paid: formatEurosFr(paid), remaining: formatEurosFr(remaining) },
  });
  const rows = years.map((year) => {
    const { engaged, paid } = byYear.get(year) as { engaged: bigint; paid: bigint };
    engagedToDate += engaged;
    paidToDate += paid;
    return { year, ...line(engaged, paid, engagedToDate - paidToDate) };
  });
  return { rows, totals: line(engagedToDate, paidToDate, engagedToDate - paidToDate) };
}

/** The ledger's AE/CP of the whole contract, as GET /api/commitments/ae-cp gives it. */
export interface LedgerAeCp {
  rows: Array<{ year: number; engaged: string; paid: string }>;
}

export interface AeCpDisagreement {
  year: number;
  figure: 'engaged' | 'paid';
  readModel: string;
  ledger: string;
}

/** Every year × figure where reporting's AE/CP and the ledger's differ (a year missing on one side counts as zero). */
export function aeCpDisagreements(ours: readonly AeCpRow[], ledger: LedgerAeCp): AeCpDisagreement[] {
  const theirs = new Map(ledger.rows.map((row) => [row.year, row]));
  const mine = new Map(ours.map((row) => [row.year, row]));
  const years = [...new Set([...mine.keys(), ...theirs.keys()])].sort((a, b) => a - b);
  return years.flatMap((year) =>
    (['engaged', 'paid'] as const).flatMap((figure) => {
      const readModel = mine.get(year)?.[figure] ?? '0.00';
      const ledgerFigure = theirs.get(year)?.[figure] ?? '0.00';
      return fromDecimalString(readModel) === fromDecimalString(ledgerFigure)
        ? []
        : [{ year, figure, readModel, ledger: ledgerFigure }];
    }),
  );
}
