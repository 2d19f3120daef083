import type { Account, AppliedTransfer, PendingStatus, TransferId, AccountId, LedgerCode } from './types';
import type { Cents } from '@cvl/money';

export interface LedgerTotals {
  debitsPendingCents: Cents;
  debitsPostedCents: Cents;
  creditsPendingCents: Cents;
  creditsPostedCents: Cents;
}

/** Immutable snapshot of a ledger: never mutate; every operation returns a new one. */
export interface LedgerState {
  readonly accounts: ReadonlyMap<AccountId, Account>;
  readonly transfers: ReadonlyMap<TransferId, AppliedTransfer>;
  readonly pendingStatus: ReadonlyMap<TransferId, PendingStatus>;
  /** Amount already reversed by correcting transfers, per corrected transfer. */
  readonly correctedCents: ReadonlyMap<TransferId, Cents>;
  readonly totals: ReadonlyMap<LedgerCode, LedgerTotals>;
}

export const emptyLedger = (): LedgerState => ({
  accounts: new Map(),
  transfers: new Map(),
  pendingStatus: new Map(),
  correctedCents: new Map(),
  totals: new Map(),
});

export const zeroTotals = (): LedgerTotals => ({
  debitsPendingCents: 0n,
  debitsPostedCents: 0n,
  creditsPendingCents: 0n,
  creditsPostedCents: 0n,
});

/** Net posted balance seen from the debit side (debits − credits). */
export function postedDebitBalance(account: Account): Cents {
  return account.debitsPostedCents - account.creditsPostedCents;
}

/** Net posted balance seen from the credit side (credits − debits). */
export function postedCreditBalance(account: Account): Cents {
  return account.creditsPostedCents - account.debitsPostedCents;
}
