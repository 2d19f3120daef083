import type { Cents } from '@cvl/money';
import { referenceKey, type CommitmentsState } from './state';

/** The EU funds (category « eu » of the referential): their annual tranches fall under the n+3 rule. */
function isEuFunder(state: CommitmentsState, funder: string): boolean {
  const category = state.references.get(referenceKey('funder', funder))?.attributes.category;
  return category === 'eu' || (Array.isArray(category) && category.includes('eu'));
}

/**
 * Each EU fund's annual tranches (the year each euro became firm) and what remains to pay on each: a fund's payments
 * settle its oldest tranche first, as the Commission counts them. A tranche n not paid by 31/12/n+3 is released
 * (dégagement d'office): its remainder is what the n+3 rule puts at risk. By fund: the FEDER and the FSE (IEJ) are
 * programmes of their own, each with its own tranches.
 */
export function euTranches(state: CommitmentsState): Map<string, Map<number, { engaged: Cents; remaining: Cents }>> {
  const byFund = new Map<string, { engaged: Map<number, Cents>; paid: Cents }>();
  for (const c of state.commitments.values()) {
    if (!isEuFunder(state, c.funder)) continue;
    const fund = byFund.get(c.funder) ?? { engaged: new Map<number, Cents>(), paid: 0n };
    for (const { year, cents } of c.engagements) fund.engaged.set(year, (fund.engaged.get(year) ?? 0n) + cents);
    for (const p of c.payments) fund.paid += p.amountCents;
    byFund.set(c.funder, fund);
  }
  const out = new Map<string, Map<number, { engaged: Cents; remaining: Cents }>>();
  for (const [funder, fund] of [...byFund].sort(([a], [b]) => a.localeCompare(b))) {
    let paid = fund.paid;
    const tranches = new Map<number, { engaged: Cents; remaining: Cents }>();
    for (const year of [...fund.engaged.keys()].sort((x, y) => x - y)) {
      const cents = fund.engaged.get(year) as Cents;
      const settled = paid <= 0n ? 0n : paid < cents ? paid : cents;
      paid -= settled;
      tranches.set(year, { engaged: cents, remaining: cents - settled });
    }
    out.set(funder, tranches);
  }
  return out;
}
