import type { Account, AppliedTransfer, PendingStatus, TransferId, AccountId, LedgerCode } from './types';
import type { Cents } from '@cvl/money';
import { PersistentMap } from './persistent-map';

export interface LedgerTotals {
  debitsPendingCents: Cents;
  debitsPostedCents: Cents;
  creditsPendingCents: Cents;
  creditsPostedCents: Cents;
}

/** Immutable snapshot of a ledger: every operation returns a new one and shares what did not change. */
export interface LedgerState {
  readonly accounts: PersistentMap<AccountId, Account>;
  readonly transfers: PersistentMap<TransferId, AppliedTransfer>;
  readonly pendingStatus: PersistentMap<TransferId, PendingStatus>;
  /** Amount already reversed by correcting transfers, per corrected transfer. */
  readonly correctedCents: PersistentMap<TransferId, Cents>;
  readonly totals: PersistentMap<LedgerCode, LedgerTotals>;
}

export const emptyLedger = (): LedgerState => ({
  accounts: PersistentMap.empty(),
  transfers: PersistentMap.empty(),
  pendingStatus: PersistentMap.empty(),
  correctedCents: PersistentMap.empty(),
  totals: PersistentMap.empty(),
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
