import type { Cents } from '@cvl/money';
import {
  checkAmount,
  checkTrace,
  decimal,
  knownFunder,
  transferId,
  tryBookings,
  type DecisionContext,
} from '../domain/booking';
import type { CommitmentsEvent } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { accountOf, LEDGER, referenceKey, type CommitmentsState } from '../domain/state';
import type { BookingTrace } from '../domain/trace';

export interface OpenEnvelope {
  envelopeId: string;
  funder: string;
  label: string;
  amountCents: Cents;
  programme?: string;
  year?: number;
  trace: BookingTrace;
}

/** An envelope caps what may be committed against it (an ITI axis, a funder's annual budget). */
export function decideOpenEnvelope(
  command: OpenEnvelope,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  const problem = checkTrace(command.trace) ?? checkAmount(command.amountCents) ?? knownFunder(state, command.funder);
  if (problem) return problem;
  if (state.envelopes.has(command.envelopeId))
    return refuse('envelope-exists', `L’enveloppe ${command.envelopeId} existe déjà`, {
      field: 'envelopeId',
    });
  if (command.programme && !state.references.has(referenceKey('programme', command.programme))) {
    return refuse('unknown-programme', `Programme inconnu : « ${command.programme} »`, { field: 'programme' });
  }
  const accounts = [
    {
      id: accountOf.envelope(command.envelopeId),
      ledger: LEDGER,
      kind: 'envelope',
      limits: { debitsMustNotExceedCredits: true },
    },
  ];
  const transfers = [
    {
      id: transferId(context, 0),
      phase: 'single' as const,
      debit: accountOf.funderResources(command.funder),
      credit: accountOf.envelope(command.envelopeId),
      amount: decimal(command.amountCents),
    },
  ];
  const booked = tryBookings(state, accounts, transfers, command.trace);
  if (isRefusal(booked)) return booked;
  return [
    {
      type: 'commitments.envelope-opened',
      data: {
        envelopeId: command.envelopeId,
        funder: command.funder,
        label: command.label,
        amount: decimal(command.amountCents),
        ...(command.programme ? { programme: command.programme } : {}),
        ...(command.year ? { year: command.year } : {}),
        trace: command.trace,
        accounts,
        transfers,
        commitmentIds: [],
      },
    },
  ];
}
