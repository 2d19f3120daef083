import { LedgerInvariantError } from './errors';
import type { LedgerState } from './state';

/**
 * Checks the whole ledger: per ledger code Σ debits = Σ credits (pending and posted) and the running totals agree
 * with the accounts; every account within its limits; every pending transfer resolved at most once.
 * Returns the violations in words; an empty list means the ledger holds.
 */
export function ledgerViolations(state: LedgerState): string[] {
  const violations: string[] = [];
  const sums = new Map<string, { dp: bigint; dP: bigint; cp: bigint; cP: bigint }>();
  for (const account of state.accounts.values()) {
    const sum = sums.get(account.ledger) ?? { dp: 0n, dP: 0n, cp: 0n, cP: 0n };
    sum.dp += account.debitsPendingCents;
    sum.dP += account.debitsPostedCents;
    sum.cp += account.creditsPendingCents;
    sum.cP += account.creditsPostedCents;
    sums.set(account.ledger, sum);
    for (const [name, value] of Object.entries(account)) {
      if (name.endsWith('Cents') && (value as bigint) < 0n) violations.push(`${account.id} : ${name} négatif`);
    }
  }
  for (const [ledger, sum] of sums) {
    if (sum.dP !== sum.cP) violations.push(`${ledger} : Σ débits comptabilisés ${sum.dP} ≠ Σ crédits ${sum.cP}`);
    if (sum.dp !== sum.cp) violations.push(`${ledger} : Σ débits en attente ${sum.dp} ≠ Σ crédits ${sum.cp}`);
    const totals = state.totals.get(ledger);
    if (totals && (totals.debitsPostedCents !== sum.dP || totals.debitsPendingCents !== sum.dp)) {
      violations.push(`${ledger} : totaux courants divergents des comptes`);
    }
  }
  const resolutions = new Map<string, number>();
  for (const transfer of state.transfers.values()) {
    if (transfer.phase === 'post' || transfer.phase === 'void') {
      const key = transfer.pendingId as string;
      resolutions.set(key, (resolutions.get(key) ?? 0) + 1);
    }
  }
  for (const [pendingId, count] of resolutions) {
    if (count > 1) violations.push(`${pendingId} : résolue ${count} fois`);
  }
  return violations;
}

export function assertLedgerInvariants(state: LedgerState): void {
  const violations = ledgerViolations(state);
  if (violations.length > 0) throw new LedgerInvariantError(violations.join(' ; '));
}

/** Limits of every account, checked separately: an « as of » replay may legitimately break them. */
export function limitViolations(state: LedgerState): string[] {
  const violations: string[] = [];
  for (const a of state.accounts.values()) {
    if (a.limits?.debitsMustNotExceedCredits && a.debitsPendingCents + a.debitsPostedCents > a.creditsPostedCents) {
      violations.push(`${a.id} : débits au-delà des crédits`);
    }
    if (a.limits?.creditsMustNotExceedDebits && a.creditsPendingCents + a.creditsPostedCents > a.debitsPostedCents) {
      violations.push(`${a.id} : crédits au-delà des débits`);
    }
  }
  return violations;
}
