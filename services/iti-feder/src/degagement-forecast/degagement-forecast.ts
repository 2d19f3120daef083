import { formatEurosFr, toDecimalString } from '@cvl/money';
import type { Programme } from '../domain/state';

/**
 * The n+3 rule: FEDER of the annual tranche n not claimed and paid by 31 December n+3 is released automatically.
 * For each tranche: what was programmed, what is paid, what remains, by when — and what is at risk today (a tranche
 * whose deadline is less than a year away, or past, with money still unpaid).
 */
export function degagementForecast(state: Programme, today: string) {
  const tranches = new Map<number, { programmed: bigint; paid: bigint; released: bigint }>();
  for (const o of state.operations.values()) {
    if (!['programmed', 'agreed', 'closed'].includes(o.status)) continue;
    const t = tranches.get(o.tranche) ?? { programmed: 0n, paid: 0n, released: 0n };
    tranches.set(o.tranche, {
      programmed: t.programmed + o.federCents,
      paid: t.paid + o.paidCents,
      released: t.released + o.releasedCents,
    });
  }
  const oneYearBefore = (deadline: string) => `${Number(deadline.slice(0, 4)) - 1}${deadline.slice(4)}`;
  return [...tranches.entries()]
    .sort(([a], [b]) => a - b)
    .map(([tranche, t]) => {
      const deadline = `${tranche + 3}-12-31`;
      const remaining = t.programmed - t.paid - t.released;
      const atRisk = remaining > 0n && today >= oneYearBefore(deadline) ? remaining : 0n;
      return {
        tranche,
        deadline,
        programmed: toDecimalString(t.programmed),
        paid: toDecimalString(t.paid),
        released: toDecimalString(t.released),
        remaining: toDecimalString(remaining),
        atRisk: toDecimalString(atRisk),
        explanation:
          atRisk > 0n
            ? `${formatEurosFr(atRisk)} à payer avant le ${deadline.split('-').reverse().join('/')}, sans quoi ils sont dégagés`
            : 'pas de risque de dégagement à ce jour',
      };
    });
}
