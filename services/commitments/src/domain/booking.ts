import {
  applyTransfers,
  openAccounts,
  traceabilityProblems,
  type AccountDefinition,
  type LedgerState,
} from '@cvl/ledger';
import { formatEurosFr, toDecimalString, type Cents } from '@cvl/money';
import type { SerializedTransfer } from './events';
import { toKernelTransfer } from './evolve';
import { type Refusal } from '@cvl/refusal';
import { refuse } from './refusals';
import { accountOf, LEDGER, referenceKey, type Commitment, type CommitmentsState } from './state';
import { isReasonCode, REASONS, type BookingTrace } from './trace';

/** What the handler gives every decision: the id of the event it will append and the time it records. */
export interface DecisionContext {
  eventId: string;
  recordedAt: string;
}

/** Transfer ids derive from the event id: a command retried under the same Idempotency-Key books the same ids. */
export function transferId(context: DecisionContext, index: number): string {
  return `${context.eventId}/${index}`;
}

export function checkTrace(trace: BookingTrace): Refusal | undefined {
  const problems = traceabilityProblems(trace);
  if (problems.length > 0)
    return refuse('traceability-incomplete', `Écriture non traçable : ${problems.join(' ; ')}`, {
      field: 'trace',
    });
  if (!isReasonCode(trace.reasonCode)) {
    return refuse(
      'unknown-reason',
      `Motif inconnu « ${trace.reasonCode} » (attendu : ${Object.keys(REASONS).join(', ')})`,
      { field: 'trace.reasonCode' },
    );
  }
  return undefined;
}

/**
 * Dates along a commitment's life: nothing takes effect before what it acts on — a payment or a release before the
 * commitment became firm, an amendment before it was recorded, a firm booking before its act.
 */
export function notBefore(effectiveDate: string, earliest: string | undefined, what: string): Refusal | undefined {
  return earliest !== undefined && effectiveDate < earliest
    ? refuse('effective-date-order', `Date d’effet ${effectiveDate} antérieure ${what} (${earliest})`, {
        field: 'trace.effectiveDate',
      })
    : undefined;
}

/**
 * The reason an entry gives must be one of its action's (a payment is « paiement », nothing else; a commitment is
 * recorded as an intention, a request, a forecast or on its act — never as a payment or an avenant).
 */
export function reasonFor(
  trace: BookingTrace,
  expected: string | readonly string[],
  action: string,
): Refusal | undefined {
  const allowed = typeof expected === 'string' ? [expected] : expected;
  return allowed.includes(trace.reasonCode)
    ? undefined
    : refuse(
        'reason-mismatch',
        `Le motif d’${action} est ${allowed.map((r) => `« ${r} »`).join(' ou ')}, pas « ${trace.reasonCode} »`,
        { field: 'trace.reasonCode' },
      );
}

/** The reasons a commitment may be recorded for. */
export const RECORDING_REASONS = [
  'engagement-initial',
  'intention',
  'sollicitation',
  'previsionnel',
  'engagement-juridique',
  'correction',
] as const;

export function checkAmount(amountCents: Cents, field = 'amount'): Refusal | undefined {
  return amountCents > 0n
    ? undefined
    : refuse('amount-not-positive', 'Le montant doit être strictement positif', { field });
}

export function knownFunder(state: CommitmentsState, funder: string, field = 'funder'): Refusal | undefined {
  return state.references.has(referenceKey('funder', funder))
    ? undefined
    : refuse('unknown-funder', `Financeur inconnu : « ${funder} » (enregistrez-le d’abord au référentiel)`, {
        field,
      });
}

export function findCommitment(state: CommitmentsState, commitmentId: string): Commitment | Refusal {
  return (
    state.commitments.get(commitmentId) ??
    refuse('unknown-commitment', `Engagement inconnu : ${commitmentId}`, { field: 'commitmentId' })
  );
}

export function commitmentAccount(commitmentId: string): AccountDefinition {
  return {
    id: accountOf.commitment(commitmentId),
    ledger: LEDGER,
    kind: 'commitment',
    limits: { debitsMustNotExceedCredits: true },
  };
}

/**
 * Tries the transfers on the ledger with every limit enforced. Nothing is kept: the events carry the transfers and
 * evolve books them. A limit refused becomes the users' refusal, saying by how much.
 */
export function tryBookings(
  state: CommitmentsState,
  accounts: AccountDefinition[],
  transfers: SerializedTransfer[],
  trace: BookingTrace,
  amountField = 'amount',
): Refusal | LedgerState {
  const opened = openAccounts(state.ledger, accounts).state;
  const { state: ledger, results } = applyTransfers(
    opened,
    transfers.map((t) => toKernelTransfer(t, trace)),
  );
  const refused =
    results.find((r) => r.status === 'refused' && r.reason !== 'linked_event_failed') ??
    results.find((r) => r.status === 'refused');
  if (!refused || refused.status !== 'refused') return ledger;
  const excess = refused.excessCents;
  const account = transfers.find((t) => t.id === refused.id);
  if (refused.reason === 'exceeds_credits' && account?.debit.startsWith('envelope:')) {
    const envelope = state.envelopes.get(account.debit.slice('envelope:'.length));
    return refuse(
      'envelope-exceeded',
      `Enveloppe « ${envelope?.label ?? account.debit} » dépassée de ${formatEurosFr(excess ?? 0n)} : rien n’a été enregistré`,
      { field: amountField, excessCents: excess },
    );
  }
  if (refused.reason === 'exceeds_credits' && account?.debit.startsWith('commitment:')) {
    return refuse(
      'exceeds-commitment',
      `Le montant dépasse ce qui reste disponible sur l’engagement de ${formatEurosFr(excess ?? 0n)}`,
      { field: amountField, excessCents: excess },
    );
  }
  return refuse('ledger-refused', `Écriture refusée par le grand livre (${refused.reason}) : ${refused.detail}`, {
    field: amountField,
  });
}

export const decimal = toDecimalString;
