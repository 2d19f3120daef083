import { formatEurosFr, toDecimalString, type Cents } from '@cvl/money';
import type { Commitment, CommitmentsState } from '../domain/state';

/** Bounds a table: the years a contract spans (2000-2100 at most). */
const MAX_YEARS = 101;

interface YearCents {
  engagedCents: Cents;
  paidCents: Cents;
  plannedCents: Cents;
}

/**
 * AE/CP of a funder, year by year: what it engaged (AE: became firm in the year — firmed, amended, released, split,
 * each in its effective year), what it paid (CP), what remains to pay at the end of the year (restes à payer: AE
 * to date − CP to date), and what its schedules planned to pay that year. Its totals are the ledger's to the cent:
 * Σ AE = firm, Σ CP = paid, the last year's restes à payer = outstanding.
 */
export function aeCpTable(state: CommitmentsState, funder: string | undefined) {
  const byYear = new Map<number, YearCents>();
  const at = (year: number) => {
    const row = byYear.get(year) ?? { engagedCents: 0n, paidCents: 0n, plannedCents: 0n };
    byYear.set(year, row);
    return row;
  };
  // One funder's, or the whole contract's (every funder) when none is named.
  const mine: Commitment[] = [...state.commitments.values()].filter((c) => funder === undefined || c.funder === funder);
  for (const commitment of mine) {
    for (const { year, cents } of commitment.engagements) at(year).engagedCents += cents;
    for (const payment of commitment.payments)
      at(Number(payment.effectiveDate.slice(0, 4))).paidCents += payment.amountCents;
    if (commitment.status !== 'lapsed')
      for (const planned of commitment.schedule?.planned ?? []) at(planned.year).plannedCents += planned.amountCents;
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  if (years.length > MAX_YEARS) throw new Error(`AE/CP : ${years.length} années, au plus ${MAX_YEARS}`);
  let engagedToDate = 0n;
  let paidToDate = 0n;
  const euros = (cents: Cents) => toDecimalString(cents);
  const rows = years.map((year) => {
    const row = byYear.get(year) as YearCents;
    engagedToDate += row.engagedCents;
    paidToDate += row.paidCents;
    return {
      year,
      engaged: euros(row.engagedCents),
      paid: euros(row.paidCents),
      remaining: euros(engagedToDate - paidToDate),
      planned: euros(row.plannedCents),
      formatted: {
        engaged: formatEurosFr(row.engagedCents),
        paid: formatEurosFr(row.paidCents),
        remaining: formatEurosFr(engagedToDate - paidToDate),
        planned: formatEurosFr(row.plannedCents),
      },
    };
  });
  const plannedTotal = [...byYear.values()].reduce((sum, row) => sum + row.plannedCents, 0n);
  return {
    funder: funder ?? 'contrat',
    rows,
    totals: {
      engaged: euros(engagedToDate),
      paid: euros(paidToDate),
      remaining: euros(engagedToDate - paidToDate),
      planned: euros(plannedTotal),
    },
    // The schedules as their commitments state them: a window (2017-2018) stays a window.
    schedules: mine
      .filter((c) => c.schedule && c.status !== 'lapsed')
      .map((c) => ({
        commitmentId: c.id,
        fromYear: c.schedule?.fromYear as number,
        toYear: c.schedule?.toYear as number,
        planned: (c.schedule?.planned ?? []).map((p) => ({ year: p.year, amount: euros(p.amountCents) })),
      })),
  };
}

export type AeCpTable = ReturnType<typeof aeCpTable>;
