import type { LedgerState, LedgerTotals } from './state';
import type { Account, AppliedTransfer, PendingStatus } from './types';
import type { Cents } from '@cvl/money';

/**
 * A batch's private copy of the ledger with an undo log, so a linked chain that fails leaves no trace.
 * Only ever lives inside one call of the kernel; what escapes is a frozen LedgerState.
 */
export class WorkingCopy {
  readonly accounts: Map<string, Account>;
  readonly transfers: Map<string, AppliedTransfer>;
  readonly pendingStatus: Map<string, PendingStatus>;
  readonly correctedCents: Map<string, Cents>;
  readonly totals: Map<string, LedgerTotals>;
  private readonly undoLog: Array<() => void> = [];

  constructor(base: LedgerState) {
    this.accounts = new Map(base.accounts);
    this.transfers = new Map(base.transfers);
    this.pendingStatus = new Map(base.pendingStatus);
    this.correctedCents = new Map(base.correctedCents);
    this.totals = new Map(base.totals);
  }

  set<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key);
    const previous = map.get(key);
    this.undoLog.push(() => (had ? map.set(key, previous as V) : map.delete(key)));
    map.set(key, value);
  }

  mark(): number {
    return this.undoLog.length;
  }

  rollbackTo(mark: number): void {
    while (this.undoLog.length > mark) this.undoLog.pop()?.();
  }

  freeze(): LedgerState {
    return {
      accounts: this.accounts,
      transfers: this.transfers,
      pendingStatus: this.pendingStatus,
      correctedCents: this.correctedCents,
      totals: this.totals,
    };
  }
}
