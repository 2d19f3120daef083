import type { Cents } from '@cvl/money';
import type { DecisionContext } from '../domain/booking';
import { decimal } from '../domain/booking';
import type { BookingRequest, CommitmentsEvent } from '../domain/events';
import { isRefusal, type Refusal } from '../domain/refusal';
import { referenceKey, type CommitmentsState } from '../domain/state';
import type { BookingTrace, LegalAct } from '../domain/trace';
import { decideRecordCommitment } from '../record-commitment/record-commitment.decider';

/** One funder line another service asks the ledger to book (a line of an approved financing plan). */
export interface RequestedLine {
  request: BookingRequest;
  commitmentId: string;
  funder: string;
  amountCents: Cents;
  status: 'indicative' | 'firm';
  act?: LegalAct;
  label: string;
  quartier?: string;
  programme?: string;
  year: number;
  trace: BookingTrace;
}

/**
 * Books a requested line like any commitment — against the funder's envelope for the programme when it has one —
 * or, when the ledger refuses it, records the refusal with its reason so the asking service can show it. Either way
 * the answer is an event; a request already answered is not answered twice (its events are named after it).
 */
export function decideBookRequestedLine(line: RequestedLine, state: CommitmentsState, context: DecisionContext): CommitmentsEvent[] | Refusal {
  const envelope = [...state.envelopes.values()].find((e) => e.funder === line.funder && line.programme !== undefined && e.programme === line.programme);
  const known = (kind: 'quartier' | 'programme', code?: string) => (code && state.references.has(referenceKey(kind, code)) ? code : undefined);
  const quartier = known('quartier', line.quartier);
  const programme = known('programme', line.programme);
  const decided = decideRecordCommitment(
    {
      commitmentId: line.commitmentId,
      funder: line.funder,
      ...(envelope ? { envelopeId: envelope.id } : {}),
      status: line.status,
      ...(line.act ? { act: line.act } : {}),
      amountCents: line.amountCents,
      attribution: { label: line.label, year: line.year, scale: 'CALL', ...(quartier ? { quartier } : {}), ...(programme ? { programme } : {}) },
      request: line.request,
      trace: line.trace,
    },
    state,
    context,
  );
  if (!isRefusal(decided)) return decided;
  if (decided.code === 'commitment-exists') return [];
  return [
    {
      type: 'commitments.booking-request-refused',
      data: { request: line.request, funder: line.funder, amount: decimal(line.amountCents), code: decided.code, reason: decided.message, trace: line.trace },
    },
  ];
}
