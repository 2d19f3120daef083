/** A broken ledger invariant is a bug, never a user error: it stops the operation loudly. */
export class LedgerInvariantError extends Error {
  constructor(message: string) {
    super(`Invariant du grand livre violé : ${message}`);
    this.name = 'LedgerInvariantError';
  }
}
