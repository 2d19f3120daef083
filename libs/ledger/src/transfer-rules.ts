import { formatEurosFr, type Cents } from '@cvl/money';
import type { Account, AppliedTransfer, Transfer, TransferRefusal } from './types';
import { traceabilityProblems } from './traceability';
import type { WorkingCopy } from './working-copy';

export interface Refusal {
  ok: false;
  reason: TransferRefusal;
  detail: string;
  excessCents?: Cents;
}

export type Decision = { ok: true; applied: AppliedTransfer; existing?: boolean } | Refusal;

const refuse = (reason: TransferRefusal, detail: string, excessCents?: Cents): Refusal =>
  excessCents === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, excessCents };

const SAME_FIELDS: Array<keyof Transfer> = [
  'ledger',
  'phase',
  'debitAccountId',
  'creditAccountId',
  'pendingId',
  'correctsId',
  'reasonCode',
  'effectiveDate',
  'actor',
];

function sameRequest(request: Transfer, stored: AppliedTransfer): boolean {
  if (SAME_FIELDS.some((field) => (request[field] ?? null) !== (stored[field] ?? null))) return false;
  if (request.amountCents !== undefined && request.amountCents !== stored.amountCents) return false;
  return JSON.stringify(request.source) === JSON.stringify(stored.source);
}

/** Decides whether one transfer may apply to the working copy, and with which explicit amount. Pure: reads only. */
export function decideTransfer(ledger: WorkingCopy, transfer: Transfer, enforceLimits: boolean): Decision {
  const stored = ledger.transfers.get(transfer.id);
  if (stored) {
    return sameRequest(transfer, stored)
      ? { ok: true, applied: stored, existing: true }
      : refuse('exists_with_different_fields', `l’identifiant ${transfer.id} désigne déjà une autre écriture`);
  }
  const problems = traceabilityProblems(transfer);
  if (problems.length > 0) return refuse('traceability_incomplete', problems.join(' ; '));
  if (transfer.debitAccountId === transfer.creditAccountId) {
    return refuse('accounts_must_be_different', 'le compte débité et le compte crédité doivent différer');
  }
  const debit = ledger.accounts.get(transfer.debitAccountId);
  if (!debit) return refuse('debit_account_not_found', `compte débité inconnu : ${transfer.debitAccountId}`);
  const credit = ledger.accounts.get(transfer.creditAccountId);
  if (!credit) return refuse('credit_account_not_found', `compte crédité inconnu : ${transfer.creditAccountId}`);
  if (debit.ledger !== transfer.ledger || credit.ledger !== transfer.ledger) {
    return refuse('ledger_mismatch', `les deux comptes doivent appartenir au grand livre ${transfer.ledger}`);
  }
  const amount = resolveAmount(ledger, transfer);
  if ('reason' in amount) return amount;
  if (transfer.correctsId !== undefined) {
    const correction = checkCorrection(ledger, transfer, amount.amountCents);
    if (correction) return correction;
  }
  const applied: AppliedTransfer = { ...transfer, amountCents: amount.amountCents };
  if (enforceLimits) {
    const limit = checkLimits(ledger, applied, debit, credit);
    if (limit) return limit;
  }
  return { ok: true, applied };
}

function resolveAmount(ledger: WorkingCopy, transfer: Transfer): { amountCents: Cents } | Refusal {
  if (transfer.phase === 'single' || transfer.phase === 'pending') {
    if (transfer.pendingId !== undefined)
      return refuse('pending_id_not_allowed', 'seule une confirmation ou une annulation vise une écriture en attente');
    if (transfer.amountCents === undefined) return refuse('amount_required', 'montant manquant');
    if (transfer.amountCents <= 0n)
      return refuse('amount_must_be_positive', 'le montant doit être strictement positif');
    return { amountCents: transfer.amountCents };
  }
  if (transfer.pendingId === undefined) return refuse('pending_id_required', 'l’écriture en attente visée manque');
  const pending = ledger.transfers.get(transfer.pendingId);
  if (!pending) return refuse('pending_transfer_not_found', `écriture en attente inconnue : ${transfer.pendingId}`);
  if (pending.phase !== 'pending')
    return refuse('pending_transfer_not_pending', `${transfer.pendingId} n’est pas une écriture en attente`);
  const status = ledger.pendingStatus.get(pending.id);
  if (status === 'posted') return refuse('pending_transfer_already_posted', `${pending.id} est déjà confirmée`);
  if (status === 'voided') return refuse('pending_transfer_already_voided', `${pending.id} est déjà annulée`);
  if (pending.debitAccountId !== transfer.debitAccountId || pending.creditAccountId !== transfer.creditAccountId) {
    return refuse('pending_transfer_has_different_accounts', `${transfer.id} doit viser les comptes de ${pending.id}`);
  }
  const requested = transfer.amountCents ?? pending.amountCents;
  if (requested <= 0n) return refuse('amount_must_be_positive', 'le montant doit être strictement positif');
  if (requested > pending.amountCents || (transfer.phase === 'void' && requested !== pending.amountCents)) {
    return refuse(
      'exceeds_pending_amount',
      `${formatEurosFr(requested)} demandés pour ${formatEurosFr(pending.amountCents)} en attente`,
      requested - pending.amountCents,
    );
  }
  return { amountCents: requested };
}

function checkCorrection(ledger: WorkingCopy, transfer: Transfer, amountCents: Cents): Refusal | undefined {
  const original = ledger.transfers.get(transfer.correctsId as string);
  if (!original || original.phase === 'pending' || original.phase === 'void') {
    return refuse(
      'corrected_transfer_not_found',
      `écriture corrigée inconnue ou non comptabilisée : ${transfer.correctsId}`,
    );
  }
  if (
    transfer.phase !== 'single' ||
    original.debitAccountId !== transfer.creditAccountId ||
    original.creditAccountId !== transfer.debitAccountId
  ) {
    return refuse(
      'correction_must_reverse_accounts',
      'une correction contre-passe l’écriture d’origine : comptes inversés, en une phase',
    );
  }
  const already = ledger.correctedCents.get(original.id) ?? 0n;
  if (already + amountCents > original.amountCents) {
    const excess = already + amountCents - original.amountCents;
    return refuse(
      'correction_exceeds_original',
      `la correction dépasse l’écriture d’origine de ${formatEurosFr(excess)}`,
      excess,
    );
  }
  return undefined;
}

/** Balances of both accounts after the transfer, to check limits before anything is written. */
export function balancesAfter(
  ledger: WorkingCopy,
  t: AppliedTransfer,
  debit: Account,
  credit: Account,
): [Account, Account] {
  const pendingAmount = t.pendingId ? (ledger.transfers.get(t.pendingId)?.amountCents ?? 0n) : 0n;
  const move = (account: Account, side: 'debits' | 'credits'): Account => {
    const pendingKey = `${side}PendingCents` as const;
    const postedKey = `${side}PostedCents` as const;
    const next = { ...account };
    if (t.phase === 'single') next[postedKey] += t.amountCents;
    if (t.phase === 'pending') next[pendingKey] += t.amountCents;
    if (t.phase === 'post') {
      next[pendingKey] -= pendingAmount;
      next[postedKey] += t.amountCents;
    }
    if (t.phase === 'void') next[pendingKey] -= pendingAmount;
    return next;
  };
  return [move(debit, 'debits'), move(credit, 'credits')];
}

function checkLimits(ledger: WorkingCopy, t: AppliedTransfer, debit: Account, credit: Account): Refusal | undefined {
  const [nextDebit, nextCredit] = balancesAfter(ledger, t, debit, credit);
  if (nextDebit.limits?.debitsMustNotExceedCredits) {
    const excess = nextDebit.debitsPendingCents + nextDebit.debitsPostedCents - nextDebit.creditsPostedCents;
    if (excess > 0n) {
      return refuse('exceeds_credits', `le compte ${debit.id} serait dépassé de ${formatEurosFr(excess)}`, excess);
    }
  }
  if (nextCredit.limits?.creditsMustNotExceedDebits) {
    const excess = nextCredit.creditsPendingCents + nextCredit.creditsPostedCents - nextCredit.debitsPostedCents;
    if (excess > 0n) {
      return refuse('exceeds_debits', `le compte ${credit.id} serait dépassé de ${formatEurosFr(excess)}`, excess);
    }
  }
  return undefined;
}
