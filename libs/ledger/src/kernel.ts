import type { Cents } from '@cvl/money';
import { LedgerInvariantError } from './errors';
import { emptyLedger, zeroTotals, type LedgerState } from './state';
import { balancesAfter, decideTransfer } from './transfer-rules';
import type { Account, AccountDefinition, AppliedTransfer, Transfer, TransferResult } from './types';
import { WorkingCopy } from './working-copy';

export const MAX_BATCH_TRANSFERS = 8_190;

export type AccountResult =
  { id: string; status: 'created' | 'exists' } | { id: string; status: 'refused'; detail: string };

/** Opens accounts. Re-opening an identical account is a no-op; a different one under the same id is refused. */
export function openAccounts(
  state: LedgerState,
  definitions: readonly AccountDefinition[],
): { state: LedgerState; results: AccountResult[] } {
  const copy = new WorkingCopy(state);
  const results = definitions.map((definition): AccountResult => {
    const existing = copy.accounts.get(definition.id);
    if (existing) {
      const same =
        existing.ledger === definition.ledger &&
        existing.kind === definition.kind &&
        JSON.stringify(existing.limits ?? {}) === JSON.stringify(definition.limits ?? {});
      return same
        ? { id: definition.id, status: 'exists' }
        : {
            id: definition.id,
            status: 'refused',
            detail: `le compte ${definition.id} existe déjà avec d’autres caractéristiques`,
          };
    }
    if (!definition.id?.trim() || !definition.ledger?.trim()) {
      return { id: definition.id, status: 'refused', detail: 'identifiant de compte et grand livre obligatoires' };
    }
    copy.set('accounts', definition.id, {
      ...definition,
      debitsPendingCents: 0n,
      debitsPostedCents: 0n,
      creditsPendingCents: 0n,
      creditsPostedCents: 0n,
    });
    return { id: definition.id, status: 'created' };
  });
  return { state: copy.freeze(), results };
}

export interface ApplyOptions {
  /**
   * Balance limits are checked when a booking is decided. A replay of already-accepted bookings for a point in
   * time (« as of » a date) may show an intermediate order in which limits did not hold: it passes false.
   */
  enforceLimits?: boolean;
}

/**
 * Applies a batch of transfers. Linked transfers (linked: true, up to the next unlinked one) apply all or none.
 * A transfer whose id is already stored with the same fields is reported as « exists » and changes nothing.
 */
export function applyTransfers(
  state: LedgerState,
  transfers: readonly Transfer[],
  options: ApplyOptions = {},
): { state: LedgerState; results: TransferResult[] } {
  if (transfers.length > MAX_BATCH_TRANSFERS) {
    throw new RangeError(`a batch holds at most ${MAX_BATCH_TRANSFERS} transfers`);
  }
  const enforceLimits = options.enforceLimits ?? true;
  const copy = new WorkingCopy(state);
  const results: TransferResult[] = [];
  let chainStart = 0;
  let chainMark = copy.mark();
  let chainFailed = false;

  transfers.forEach((transfer, index) => {
    if (chainFailed) {
      results.push({
        id: transfer.id,
        status: 'refused',
        reason: 'linked_event_failed',
        detail: 'une écriture liée a été refusée',
      });
    } else {
      const decision = decideTransfer(copy, transfer, enforceLimits);
      if (!decision.ok) {
        results.push({
          id: transfer.id,
          status: 'refused',
          reason: decision.reason,
          detail: decision.detail,
          ...(decision.excessCents !== undefined ? { excessCents: decision.excessCents } : {}),
        });
        chainFailed = true;
      } else if (decision.existing) {
        results.push({ id: transfer.id, status: 'exists', transfer: decision.applied });
      } else {
        applyToCopy(copy, decision.applied);
        results.push({ id: transfer.id, status: 'applied', transfer: decision.applied });
      }
    }
    const chainEnds = !transfer.linked || index === transfers.length - 1;
    if (!chainEnds) return;
    if (transfer.linked && !chainFailed) {
      copy.rollbackTo(chainMark);
      for (let i = chainStart; i <= index; i++) {
        results[i] = {
          id: transfers[i].id,
          status: 'refused',
          reason: 'linked_event_chain_open',
          detail: 'la dernière écriture d’une chaîne liée ne doit pas être liée',
        };
      }
    } else if (chainFailed) {
      copy.rollbackTo(chainMark);
      for (let i = chainStart; i <= index; i++) {
        if (results[i].status !== 'refused') {
          results[i] = {
            id: transfers[i].id,
            status: 'refused',
            reason: 'linked_event_failed',
            detail: 'une écriture liée a été refusée',
          };
        }
      }
    }
    chainStart = index + 1;
    chainMark = copy.mark();
    chainFailed = false;
  });
  return { state: copy.freeze(), results };
}

function applyToCopy(copy: WorkingCopy, transfer: AppliedTransfer): void {
  const debit = copy.accounts.get(transfer.debitAccountId) as Account;
  const credit = copy.accounts.get(transfer.creditAccountId) as Account;
  const [nextDebit, nextCredit] = balancesAfter(copy, transfer, debit, credit);
  copy.set('accounts', debit.id, nextDebit);
  copy.set('accounts', credit.id, nextCredit);
  copy.set('transfers', transfer.id, transfer);
  if (transfer.phase === 'pending') copy.set('pendingStatus', transfer.id, 'pending');
  if (transfer.phase === 'post') copy.set('pendingStatus', transfer.pendingId as string, 'posted');
  if (transfer.phase === 'void') copy.set('pendingStatus', transfer.pendingId as string, 'voided');
  if (transfer.correctsId) {
    copy.set(
      'correctedCents',
      transfer.correctsId,
      (copy.correctedCents.get(transfer.correctsId) ?? 0n) + transfer.amountCents,
    );
  }
  const totals = copy.totals.get(transfer.ledger) ?? zeroTotals();
  const delta = (after: Account, before: Account, key: keyof typeof totals): Cents => after[key] - before[key];
  const next = {
    debitsPendingCents: totals.debitsPendingCents + delta(nextDebit, debit, 'debitsPendingCents'),
    debitsPostedCents: totals.debitsPostedCents + delta(nextDebit, debit, 'debitsPostedCents'),
    creditsPendingCents: totals.creditsPendingCents + delta(nextCredit, credit, 'creditsPendingCents'),
    creditsPostedCents: totals.creditsPostedCents + delta(nextCredit, credit, 'creditsPostedCents'),
  };
  if (next.debitsPostedCents !== next.creditsPostedCents || next.debitsPendingCents !== next.creditsPendingCents) {
    throw new LedgerInvariantError(`Σ débits ≠ Σ crédits dans le grand livre ${transfer.ledger} après ${transfer.id}`);
  }
  copy.set('totals', transfer.ledger, next);
}

/** Builds a ledger from accounts and already-accepted transfers, optionally keeping only some (bi-temporal views). */
export function replayLedger(
  accounts: readonly AccountDefinition[],
  transfers: readonly Transfer[],
  keep: (transfer: Transfer) => boolean = () => true,
): LedgerState {
  let state = openAccounts(emptyLedger(), accounts).state;
  const keptIds = new Set<string>();
  const kept: Transfer[] = [];
  for (const transfer of transfers) {
    const dependsOn = transfer.pendingId ?? transfer.correctsId;
    if (!keep(transfer) || (dependsOn !== undefined && !keptIds.has(dependsOn))) continue;
    keptIds.add(transfer.id);
    kept.push(transfer);
  }
  for (let start = 0; start < kept.length; start += MAX_BATCH_TRANSFERS) {
    const batch = kept.slice(start, start + MAX_BATCH_TRANSFERS).map((t) => ({ ...t, linked: false }));
    const result = applyTransfers(state, batch, { enforceLimits: false });
    const refused = result.results.find((r) => r.status === 'refused');
    if (refused && refused.status === 'refused')
      throw new LedgerInvariantError(`relecture impossible de ${refused.id} : ${refused.detail}`);
    state = result.state;
  }
  return state;
}
