import type { Cents } from '@cvl/money';

export type AccountId = string;
export type TransferId = string;
export type LedgerCode = string;

/** Balance limits, after TigerBeetle: an account's debits may be capped by its credits, or the other way round. */
export interface AccountLimits {
  /** debits (pending + posted) ≤ credits posted: e.g. an envelope that may not be committed beyond what it holds. */
  debitsMustNotExceedCredits?: boolean;
  /** credits (pending + posted) ≤ debits posted: e.g. paid may not exceed what was firmly committed. */
  creditsMustNotExceedDebits?: boolean;
}

export interface AccountDefinition {
  id: AccountId;
  ledger: LedgerCode;
  /** What the account stands for in the domain (envelope, commitment, pool, funder…): free text, for readers. */
  kind: string;
  limits?: AccountLimits;
}

export interface Account extends AccountDefinition {
  debitsPendingCents: Cents;
  debitsPostedCents: Cents;
  creditsPendingCents: Cents;
  creditsPostedCents: Cents;
}

/** Where a euro comes from: the legal act that binds it, or the line of a document that states it. */
export type SourceReference =
  | { kind: 'act'; reference: string; date?: string }
  | { kind: 'document'; document: string; line: number; section?: string };

/**
 * Who booked: the authenticated principal as it was when it booked (its roles at that time), kept as a structure so
 * that no subject or organisation can pass for another through a separator.
 */
export interface ActorRef {
  subject: string;
  organisation: string;
  roles: readonly string[];
}

/** Who booked, why, when it takes effect (valid time) and when it was recorded (transaction time), on what basis. */
export interface Traceability {
  reasonCode: string;
  /** The date the booking takes effect, ISO « YYYY-MM-DD ». */
  effectiveDate: string;
  /** When it was recorded, ISO 8601 instant. */
  recordedAt: string;
  actor: ActorRef;
  source: SourceReference;
  /** Free text for readers: the why in words. */
  memo?: string;
}

/**
 * single: posted at once. pending: reserved, to be posted or voided later (two-phase: indicative, conditional).
 * post: posts a pending transfer (all of it, or less: the rest is released). void: releases a pending transfer.
 */
export type TransferPhase = 'single' | 'pending' | 'post' | 'void';

export interface Transfer extends Traceability {
  /** Client-generated; doubles as idempotency key. */
  id: TransferId;
  ledger: LedgerCode;
  phase: TransferPhase;
  debitAccountId: AccountId;
  creditAccountId: AccountId;
  /** For post: may be less than the pending amount, or omitted for all of it. For void: omitted or the full amount. */
  amountCents?: Cents;
  /** For post and void: the pending transfer they resolve. */
  pendingId?: TransferId;
  /** For a correcting transfer: the transfer it reverses (in part or in full). Accounts must be the original's, swapped. */
  correctsId?: TransferId;
  /** When true, this transfer succeeds only if the next one in the batch does (a linked chain: all or none). */
  linked?: boolean;
}

export type PendingStatus = 'pending' | 'posted' | 'voided';

/** What was actually applied: amounts made explicit. */
export interface AppliedTransfer extends Transfer {
  amountCents: Cents;
}

export type TransferRefusal =
  | 'exists_with_different_fields'
  | 'accounts_must_be_different'
  | 'debit_account_not_found'
  | 'credit_account_not_found'
  | 'ledger_mismatch'
  | 'amount_must_be_positive'
  | 'amount_required'
  | 'pending_id_required'
  | 'pending_id_not_allowed'
  | 'pending_transfer_not_found'
  | 'pending_transfer_not_pending'
  | 'pending_transfer_already_posted'
  | 'pending_transfer_already_voided'
  | 'pending_transfer_has_different_accounts'
  | 'exceeds_pending_amount'
  | 'corrected_transfer_not_found'
  | 'correction_must_reverse_accounts'
  | 'correction_exceeds_original'
  | 'exceeds_credits'
  | 'exceeds_debits'
  | 'traceability_incomplete'
  | 'linked_event_failed'
  | 'linked_event_chain_open';

export type TransferResult =
  | { id: TransferId; status: 'applied'; transfer: AppliedTransfer }
  | { id: TransferId; status: 'exists'; transfer: AppliedTransfer }
  | { id: TransferId; status: 'refused'; reason: TransferRefusal; detail: string; excessCents?: Cents };
