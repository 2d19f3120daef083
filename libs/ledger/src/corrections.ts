import type { Cents } from '@cvl/money';
import type { AppliedTransfer, Traceability, Transfer } from './types';

/**
 * A correcting transfer: the original stays as it was and a new transfer reverses it, in full or in part,
 * carrying its own actor, reason, dates and source (an avenant, a clause de revoyure, an error found in audit).
 */
export function reversalOf(
  original: AppliedTransfer,
  id: string,
  trace: Traceability,
  amountCents: Cents = original.amountCents,
): Transfer {
  return {
    ...trace,
    id,
    ledger: original.ledger,
    phase: 'single',
    debitAccountId: original.creditAccountId,
    creditAccountId: original.debitAccountId,
    amountCents,
    correctsId: original.id,
  };
}
