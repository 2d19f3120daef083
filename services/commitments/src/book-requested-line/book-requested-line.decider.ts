import { refuse } from '../domain/refusals';
import type { Cents } from '@cvl/money';
import type { DecisionContext } from '../domain/booking';
import { decimal } from '../domain/booking';
import type { BookingRequest, CommitmentsEvent } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { referenceKey, type Commitment, type CommitmentsState } from '../domain/state';
import { decideAmendCommitment } from '../amend-commitment/amend-commitment.decider';
import { decideFirmCommitment } from '../firm-commitment/firm-commitment.decider';
import { decideRecordPayment } from '../record-payment/record-payment.decider';
import { decideReleaseCommitment } from '../release-commitment/release-commitment.decider';
import type { BookingTrace, LegalAct } from '../domain/trace';
import { decideRecordCommitment } from '../record-commitment/record-commitment.decider';
import { coFinancingRefusal } from '../domain/co-financing';
import { evolveAll } from '../domain/evolve';
import { decideDeclareOperation, type DeclareOperation } from '../declare-operation/declare-operation.decider';

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
  /** The contract's stake and objective the asking programme finances. */
  stake?: string;
  objective?: string;
  /** The envelope the line draws on, when the asking service names it (an ITI axis). */
  envelopeId?: string;
  /** The registry's operation the line finances, declared by the first request that names it. */
  operation?: DeclareOperation;
  year: number;
  trace: BookingTrace;
}

/**
 * Books a requested line like any commitment — against the funder's envelope for the programme when it has one —
 * or, when the ledger refuses it, records the refusal with its reason so the asking service can show it. Either way
 * the answer is an event; a request already answered is not answered twice (its events are named after it).
 */
export function decideBookRequestedLine(
  line: RequestedLine,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  const previous = requestedCommitment(state, line.request, line.funder);
  if (previous?.request?.requestId === line.request.requestId) return [];
  // The operation first: declared (or the programme's reference added, or its base and calendar revised by the
  // programme that declared it), then the line booked — or a later version applied — on what the registry now says.
  const declared = line.operation ? decideDeclareOperation(line.operation, state) : [];
  if (isRefusal(declared)) return refusedAnswer(line, declared);
  if (previous) return applyNewVersion(line, previous, state, context, declared);
  const booked = decideNewLine(line, evolveAll(declared, state), context);
  if (booked.length > 0 && booked[0].type === 'commitments.booking-request-refused') return booked;
  return coFinancingAnswer(line, state, [...declared, ...booked]);
}

/** A line no earlier version booked: recorded like any commitment, or answered with the ledger's refusal. */
function decideNewLine(line: RequestedLine, state: CommitmentsState, context: DecisionContext): CommitmentsEvent[] {
  const named = line.envelopeId ? state.envelopes.get(line.envelopeId) : undefined;
  const envelope =
    named && named.funder === line.funder
      ? named
      : [...state.envelopes.values()].find(
          (e) => e.funder === line.funder && line.programme !== undefined && e.programme === line.programme,
        );
  const known = (kind: 'quartier' | 'programme' | 'stake' | 'objective', code?: string) =>
    code && state.references.has(referenceKey(kind, code)) ? code : undefined;
  const quartier = known('quartier', line.quartier);
  const programme = known('programme', line.programme);
  const stake = known('stake', line.stake);
  const objective = known('objective', line.objective);
  const decided = decideRecordCommitment(
    {
      commitmentId: line.commitmentId,
      funder: line.funder,
      ...(envelope ? { envelopeId: envelope.id } : {}),
      status: line.status,
      ...(line.act ? { act: line.act } : {}),
      amountCents: line.amountCents,
      attribution: {
        label: line.label,
        year: line.year,
        scale: 'CALL',
        ...(quartier ? { quartier } : {}),
        ...(programme ? { programme } : {}),
        ...(stake ? { stake } : {}),
        ...(objective ? { objective } : {}),
        ...(line.operation ? { operation: line.operation.operationId } : {}),
      },
      request: line.request,
      trace: line.trace,
    },
    state,
    context,
  );
  if (!isRefusal(decided)) return decided;
  if (decided.code === 'commitment-exists') return [];
  return refusedAnswer(line, decided);
}

/** The commitment a service's earlier request booked for a funder, if any. */
export function requestedCommitment(
  state: CommitmentsState,
  request: BookingRequest,
  funder: string,
): Commitment | undefined {
  return [...state.commitments.values()].find(
    (c) =>
      c.request &&
      c.request.source === request.source &&
      c.request.protocolId === request.protocolId &&
      c.request.operationId === request.operationId &&
      c.funder === funder &&
      c.status !== 'lapsed',
  );
}

export interface RequestedMovement {
  request: BookingRequest;
  funder: string;
  kind: 'payment' | 'release';
  amountCents: Cents;
  paymentKind?: 'avance' | 'acompte' | 'solde';
  serviceDoneDate?: string;
  trace: BookingTrace;
}

/** A payment or a release another service asks for, on the commitment its request booked; answered either way. */
export function decideRequestedMovement(
  movement: RequestedMovement,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  const line = {
    request: movement.request,
    funder: movement.funder,
    amountCents: movement.amountCents,
    trace: movement.trace,
  } as RequestedLine;
  const commitment = requestedCommitment(state, movement.request, movement.funder);
  if (!commitment)
    return refusedAnswer(
      line,
      refuse('unknown-commitment', `Aucun engagement inscrit pour ${movement.funder} sur cette opération`),
    );
  const decided =
    movement.kind === 'payment'
      ? decideRecordPayment(
          {
            commitmentId: commitment.id,
            paymentId: movement.request.requestId,
            kind: movement.paymentKind ?? 'acompte',
            amountCents: movement.amountCents,
            ...(movement.serviceDoneDate ? { serviceDoneDate: movement.serviceDoneDate } : {}),
            trace: { ...movement.trace, reasonCode: 'paiement' },
          },
          state,
          context,
        )
      : decideReleaseCommitment(
          {
            commitmentId: commitment.id,
            amountCents: movement.amountCents,
            trace: { ...movement.trace, reasonCode: 'degagement' },
          },
          state,
          context,
        );
  if (isRefusal(decided)) return refusedAnswer(line, decided);
  return [
    ...decided,
    {
      type: 'commitments.booking-request-applied',
      data: {
        request: movement.request,
        funder: movement.funder,
        commitmentId: commitment.id,
        amount: decimal(movement.amountCents),
        change: movement.kind === 'payment' ? 'paid' : 'released',
        trace: movement.trace,
        commitmentIds: [commitment.id],
      },
    },
  ];
}

/** A line of a programme's request, as the ledger reads it: a booking, or a payment or release on what it booked. */
export type RequestedCommand =
  { movement: 'commitment'; line: RequestedLine } | { movement: 'payment' | 'release'; line: RequestedMovement };

/** Decides one requested line; the answer — booked or refused with the ledger's reason — is always an event. */
export function decideRequested(
  command: RequestedCommand,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  return command.movement === 'commitment'
    ? decideBookRequestedLine(command.line, state, context)
    : decideRequestedMovement(command.line, state, context);
}

function refusedAnswer(line: RequestedLine, refusal: Refusal): CommitmentsEvent[] {
  return [
    {
      type: 'commitments.booking-request-refused',
      data: {
        request: line.request,
        funder: line.funder,
        amount: decimal(line.amountCents),
        code: refusal.code,
        reason: refusal.message,
        trace: line.trace,
      },
    },
  ];
}

/**
 * A later version of a plan line changes the commitment the first version booked — firmed by the signed protocol,
 * or amended by its avenant — and never books the line a second time.
 */
function applyNewVersion(
  line: RequestedLine,
  previous: Commitment,
  before: CommitmentsState,
  context: DecisionContext,
  declared: CommitmentsEvent[],
): CommitmentsEvent[] | Refusal {
  const state = evolveAll(declared, before);
  let change: 'firmed' | 'amended' | 'unchanged' = 'unchanged';
  let events: CommitmentsEvent[] = [];
  if (previous.status !== 'firm' && line.status === 'firm' && line.act) {
    const firmed = decideFirmCommitment(
      {
        commitmentId: previous.id,
        act: line.act,
        amountCents: line.amountCents,
        trace: { ...line.trace, reasonCode: 'engagement-juridique' },
      },
      state,
      context,
    );
    if (isRefusal(firmed)) return refusedAnswer(line, firmed);
    [events, change] = [firmed, 'firmed'];
  } else if (previous.amountCents !== line.amountCents) {
    const amended = decideAmendCommitment(
      {
        commitmentId: previous.id,
        kind: 'avenant',
        newAmountCents: line.amountCents,
        ...(line.act ? { act: line.act } : {}),
        trace: { ...line.trace, reasonCode: 'avenant' },
      },
      state,
      context,
    );
    if (isRefusal(amended)) return refusedAnswer(line, amended);
    [events, change] = [amended, 'amended'];
  }
  return coFinancingAnswer(line, before, [
    ...declared,
    ...events,
    {
      type: 'commitments.booking-request-applied',
      data: {
        request: line.request,
        funder: line.funder,
        commitmentId: previous.id,
        amount: decimal(line.amountCents),
        change,
        trace: line.trace,
        commitmentIds: [previous.id],
      },
    },
  ]);
}

/**
 * A programme's line passes the co-financing guard like any booking; refused, the programme is answered with the
 * rule, its source and the excess (its operation's aid from every programme and funder counts, not its own alone).
 */
function coFinancingAnswer(
  line: RequestedLine,
  state: CommitmentsState,
  events: CommitmentsEvent[],
): CommitmentsEvent[] {
  const refused = coFinancingRefusal(state, events, line.trace.effectiveDate);
  return refused ? refusedAnswer(line, refused) : events;
}
