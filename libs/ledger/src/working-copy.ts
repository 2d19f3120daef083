import type { LedgerState } from './state';

type Tables = { -readonly [K in keyof LedgerState]: LedgerState[K] };
type KeyOf<T extends keyof Tables> = Tables[T] extends { get(key: infer Key): unknown } ? Key : never;
type ValueOf<T extends keyof Tables> = Tables[T] extends { get(key: never): infer Value | undefined } ? Value : never;

/**
 * A batch's view of the ledger as it changes. Its tables are persistent maps, so a mark is just the five current
 * references and rolling a failed linked chain back restores them: nothing of the chain remains.
 */
export class WorkingCopy {
  private tables: Tables;

  constructor(base: LedgerState) {
    this.tables = { ...base };
  }

  get accounts(): LedgerState['accounts'] {
    return this.tables.accounts;
  }
  get transfers(): LedgerState['transfers'] {
    return this.tables.transfers;
  }
  get pendingStatus(): LedgerState['pendingStatus'] {
    return this.tables.pendingStatus;
  }
  get correctedCents(): LedgerState['correctedCents'] {
    return this.tables.correctedCents;
  }
  get totals(): LedgerState['totals'] {
    return this.tables.totals;
  }

  set<T extends keyof Tables>(table: T, key: KeyOf<T>, value: ValueOf<T>): void {
    const current = this.tables[table] as unknown as { set(key: KeyOf<T>, value: ValueOf<T>): Tables[T] };
    this.tables = { ...this.tables, [table]: current.set(key, value) };
  }

  mark(): LedgerState {
    return this.tables;
  }

  rollbackTo(mark: LedgerState): void {
    this.tables = { ...mark };
  }

  freeze(): LedgerState {
    return this.tables;
  }
}
