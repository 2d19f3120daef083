import type { RecordedEvent } from '@cvl/event-store';
import type { CommitmentsEvent, SerializedTransfer } from '../domain/events';
import { REASONS, isReasonCode } from '../domain/trace';
import { upcast } from '../infrastructure/upcasters';

const WHAT: Record<CommitmentsEvent['type'], string> = {
  'commitments.reference-recorded': 'référentiel mis à jour',
  'commitments.envelope-opened': 'enveloppe ouverte',
  'commitments.condition-registered': 'condition enregistrée',
  'commitments.commitment-recorded': 'engagement inscrit',
  'commitments.commitment-made-conditional': 'engagement rendu conditionnel',
  'commitments.commitment-firmed': 'engagement affermi par un acte',
  'commitments.condition-resolved': 'condition levée',
  'commitments.commitment-amended': 'engagement modifié',
  'commitments.payment-recorded': 'paiement enregistré',
  'commitments.commitment-released': 'engagement dégagé',
  'commitments.pool-split': 'enveloppe commune ventilée',
  'commitments.booking-request-refused': 'demande d’inscription refusée',
  'commitments.booking-request-applied': 'nouvelle version d’une demande appliquée',
  'commitments.operation-declared': 'opération déclarée au registre',
  'commitments.operation-referenced': 'référence d’un programme ajoutée à l’opération',
  'commitments.operation-revised': 'assiette ou calendrier de l’opération révisés par le programme qui l’a déclarée',
  'commitments.co-financing-rule-recorded': 'règle de cofinancement enregistrée',
  'commitments.document-figure-recorded': 'montant du document enregistré avec sa ligne',
  'commitments.governance-step-recorded': 'étape de la gouvernance du contrat enregistrée',
};

function amountsOf(event: CommitmentsEvent, commitmentId: string): Record<string, string> {
  const d = event.data as unknown as Record<string, unknown>;
  switch (event.type) {
    case 'commitments.commitment-amended':
      return { before: event.data.before, after: event.data.after };
    case 'commitments.commitment-firmed':
      return { before: event.data.before, after: event.data.amount };
    case 'commitments.condition-resolved':
      return { amount: event.data.amounts[commitmentId] ?? '0.00', outcome: event.data.outcome };
    case 'commitments.pool-split': {
      const part = event.data.parts.find((p) => p.commitmentId === commitmentId);
      return part ? { amount: part.amount, from: event.data.poolId } : { remaining: event.data.remaining };
    }
    default:
      return typeof d.amount === 'string' ? { amount: d.amount } : {};
  }
}

/**
 * One line of a commitment's history: the event that touched it, with who, when it was recorded, when it takes
 * effect, why, on which act or document line, the amounts before and after, and the ledger transfers it booked.
 * Undefined when the event did not touch it. Computed once, when the event is projected (ledger-movements.ts).
 */
export function historyEntry(recorded: RecordedEvent, event: CommitmentsEvent, commitmentId: string) {
  if (!((event.data as { commitmentIds?: string[] }).commitmentIds ?? []).includes(commitmentId)) return undefined;
  const trace = event.data.trace;
  const transfers = ((event.data as { transfers?: SerializedTransfer[] }).transfers ?? []).filter(
    (t) => t.debit.endsWith(`:${commitmentId}`) || t.credit.endsWith(`:${commitmentId}`),
  );
  return {
    eventId: recorded.eventId,
    type: event.type,
    what: WHAT[event.type],
    revision: recorded.revision,
    recordedAt: trace.recordedAt,
    storedAt: recorded.recordedAt,
    effectiveDate: trace.effectiveDate,
    actor: trace.actor,
    reasonCode: trace.reasonCode,
    reason: isReasonCode(trace.reasonCode) ? REASONS[trace.reasonCode] : trace.reasonCode,
    ...(trace.memo ? { memo: trace.memo } : {}),
    source: trace.source,
    ...('act' in event.data && event.data.act ? { act: event.data.act } : {}),
    amounts: amountsOf(event, commitmentId),
    transfers,
    hash: recorded.hash,
  };
}

export type HistoryEntry = NonNullable<ReturnType<typeof historyEntry>>;

/** A commitment's full history from events (the projection keeps the same lines; tests compare the two). */
export function commitmentHistory(events: readonly RecordedEvent[], commitmentId: string): HistoryEntry[] {
  return events.flatMap((recorded) => historyEntry(recorded, upcast(recorded), commitmentId) ?? []);
}
