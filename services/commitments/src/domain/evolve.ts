import { applyTransfers, LedgerInvariantError, openAccounts, type Transfer } from '@cvl/ledger';
import { fromDecimalString } from '@cvl/money';
import type { Bookings, CommitmentsEvent, SerializedTransfer } from './events';
import { accountOf, referenceKey, type Commitment, type CommitmentsState } from './state';
import type { BookingTrace } from './trace';

export function toKernelTransfer(transfer: SerializedTransfer, trace: BookingTrace): Transfer {
  return {
    id: transfer.id,
    ledger: 'EUR',
    phase: transfer.phase,
    debitAccountId: transfer.debit,
    creditAccountId: transfer.credit,
    ...(transfer.amount !== undefined ? { amountCents: fromDecimalString(transfer.amount) } : {}),
    ...(transfer.pendingId ? { pendingId: transfer.pendingId } : {}),
    ...(transfer.correctsId ? { correctsId: transfer.correctsId } : {}),
    ...(transfer.linked ? { linked: true } : {}),
    actor: trace.actor,
    reasonCode: trace.reasonCode,
    effectiveDate: trace.effectiveDate,
    recordedAt: trace.recordedAt,
    source: trace.source,
    ...(trace.memo ? { memo: trace.memo } : {}),
  };
}

/** Books an event's accounts and transfers into the ledger; history must replay, so a refusal here is a bug. */
function book(state: CommitmentsState, bookings: Bookings): Pick<CommitmentsState, 'ledger' | 'accounts'> {
  let accounts = state.accounts;
  for (const account of bookings.accounts) accounts = accounts.set(account.id, account);
  const opened = openAccounts(state.ledger, bookings.accounts).state;
  const { state: ledger, results } = applyTransfers(
    opened,
    bookings.transfers.map((t) => toKernelTransfer(t, bookings.trace)),
    { enforceLimits: false },
  );
  const refused = results.find((r) => r.status === 'refused');
  if (refused && refused.status === 'refused')
    throw new LedgerInvariantError(`relecture : ${refused.id} refusé (${refused.detail})`);
  return { ledger, accounts };
}

function withCommitments(state: CommitmentsState, changes: Commitment[]): CommitmentsState['commitments'] {
  let commitments = state.commitments;
  for (const change of changes) commitments = commitments.set(change.id, { ...change, version: change.version + 1 });
  return commitments;
}

const cents = fromDecimalString;
const yearOf = (trace: BookingTrace) => Number(trace.effectiveDate.slice(0, 4));

/** evolve(state, event) → state: pure, total over the event types. */
export function evolve(state: CommitmentsState, event: CommitmentsEvent): CommitmentsState {
  switch (event.type) {
    case 'commitments.reference-recorded': {
      const { kind, code, name, attributes, parent } = event.data;
      const key = referenceKey(kind, code);
      const references = state.references.set(key, {
        kind,
        code,
        name,
        attributes,
        ...(parent ? { parent } : {}),
        version: (state.references.get(key)?.version ?? 0) + 1,
      });
      if (kind !== 'funder') return { ...state, references };
      const accounts = [
        { id: accountOf.funderResources(code), ledger: 'EUR', kind: 'funder-resources' },
        { id: accountOf.funderPayments(code), ledger: 'EUR', kind: 'funder-payments' },
      ];
      return {
        ...state,
        references,
        ...book(state, { trace: event.data.trace, accounts, transfers: [], commitmentIds: [] }),
      };
    }
    case 'commitments.envelope-opened': {
      const d = event.data;
      const envelopes = state.envelopes.set(d.envelopeId, {
        id: d.envelopeId,
        funder: d.funder,
        label: d.label,
        amountCents: cents(d.amount),
        ...(d.programme ? { programme: d.programme } : {}),
        ...(d.year ? { year: d.year } : {}),
      });
      return { ...state, envelopes, ...book(state, d) };
    }
    case 'commitments.condition-registered': {
      const conditions = state.conditions.set(event.data.conditionId, {
        id: event.data.conditionId,
        label: event.data.label,
        description: event.data.description,
        status: 'open',
      });
      return { ...state, conditions };
    }
    case 'commitments.commitment-recorded': {
      const d = event.data;
      const commitment: Commitment = {
        id: d.commitmentId,
        funder: d.funder,
        ...(d.envelopeId ? { envelopeId: d.envelopeId } : {}),
        status: d.status,
        ...(d.conditionId ? { conditionId: d.conditionId } : {}),
        ...(d.act ? { act: d.act } : {}),
        amountCents: cents(d.amount),
        paidCents: 0n,
        releasedCents: 0n,
        splitOutCents: 0n,
        payments: [],
        isPool: d.isPool,
        ...(d.poolId ? { poolId: d.poolId } : {}),
        fundingAccount: d.fundingAccount,
        ...(d.pendingTransferId ? { pendingTransferId: d.pendingTransferId } : {}),
        attribution: d.attribution,
        ...(d.stated ? { stated: d.stated } : {}),
        ...(d.request ? { request: d.request } : {}),
        engagements: d.status === 'firm' ? [{ year: yearOf(d.trace), cents: cents(d.amount) }] : [],
        since: d.trace.effectiveDate,
        ...(d.status === 'firm' ? { firmSince: d.trace.effectiveDate } : {}),
        ...(d.schedule
          ? {
              schedule: {
                fromYear: d.schedule.fromYear,
                toYear: d.schedule.toYear,
                planned: d.schedule.planned.map((p) => ({ year: p.year, amountCents: cents(p.amount) })),
              },
            }
          : {}),
        version: -1,
      };
      return {
        ...state,
        ...book(state, d),
        commitments: withCommitments(state, [commitment]),
        operations: financing(state, d.attribution.operation, [d.commitmentId]),
      };
    }
    case 'commitments.commitment-made-conditional': {
      const current = existing(state, event.data.commitmentId);
      return {
        ...state,
        commitments: withCommitments(state, [
          { ...current, status: 'conditional', conditionId: event.data.conditionId },
        ]),
      };
    }
    case 'commitments.commitment-firmed': {
      const d = event.data;
      const current = existing(state, d.commitmentId);
      const { pendingTransferId: _released, ...rest } = current;
      return {
        ...state,
        ...book(state, d),
        commitments: withCommitments(state, [
          {
            ...rest,
            status: 'firm',
            act: d.act,
            amountCents: cents(d.amount),
            engagements: [...rest.engagements, { year: yearOf(d.trace), cents: cents(d.amount) }],
            firmSince: d.trace.effectiveDate,
          },
        ]),
      };
    }
    case 'commitments.condition-resolved': {
      const d = event.data;
      const condition = state.conditions.get(d.conditionId);
      const conditions = condition
        ? state.conditions.set(d.conditionId, { ...condition, status: d.outcome, resolvedOn: d.trace.effectiveDate })
        : state.conditions;
      const changed = d.commitmentIds.map((id): Commitment => {
        const waiting = existing(state, id);
        // Met without its own act: no longer conditional, still a reservation (indicative, pending kept).
        if (d.outcome === 'met' && d.statuses?.[id] === 'indicative')
          return { ...waiting, status: 'indicative', amountCents: cents(d.amounts[id]) };
        const { pendingTransferId: _resolved, ...current } = waiting;
        return d.outcome === 'met'
          ? {
              ...current,
              status: 'firm' as const,
              // Firm by its own act; before `statuses` existed, on the condition's act.
              ...(!d.statuses && d.act ? { act: d.act } : {}),
              amountCents: cents(d.amounts[id]),
              engagements: [...current.engagements, { year: yearOf(d.trace), cents: cents(d.amounts[id]) }],
              firmSince: d.trace.effectiveDate,
            }
          : { ...current, status: 'lapsed' as const, amountCents: 0n };
      });
      return { ...state, conditions, ...book(state, d), commitments: withCommitments(state, changed) };
    }
    case 'commitments.commitment-amended': {
      const d = event.data;
      const current = existing(state, d.commitmentId);
      const next: Commitment = {
        ...current,
        amountCents: cents(d.after),
        ...(d.pendingTransferId ? { pendingTransferId: d.pendingTransferId } : {}),
        ...(current.status === 'firm'
          ? {
              engagements: [...current.engagements, { year: yearOf(d.trace), cents: cents(d.after) - cents(d.before) }],
            }
          : {}),
      };
      return { ...state, ...book(state, d), commitments: withCommitments(state, [next]) };
    }
    case 'commitments.payment-recorded': {
      const d = event.data;
      const current = existing(state, d.commitmentId);
      const payment = {
        id: d.paymentId,
        kind: d.kind,
        amountCents: cents(d.amount),
        effectiveDate: d.trace.effectiveDate,
        ...(d.serviceDoneDate ? { serviceDoneDate: d.serviceDoneDate } : {}),
      };
      return {
        ...state,
        ...book(state, d),
        commitments: withCommitments(state, [
          { ...current, paidCents: current.paidCents + payment.amountCents, payments: [...current.payments, payment] },
        ]),
      };
    }
    case 'commitments.commitment-released': {
      const d = event.data;
      const current = existing(state, d.commitmentId);
      const amount = cents(d.amount);
      const next: Commitment =
        current.status === 'firm'
          ? {
              ...current,
              amountCents: current.amountCents - amount,
              releasedCents: current.releasedCents + amount,
              engagements: [...current.engagements, { year: yearOf(d.trace), cents: -amount }],
            }
          : {
              ...withoutPending(current),
              status: 'lapsed',
              amountCents: 0n,
              releasedCents: current.releasedCents + amount,
            };
      return { ...state, ...book(state, d), commitments: withCommitments(state, [next]) };
    }
    case 'commitments.booking-request-refused':
      return state;
    case 'commitments.booking-request-applied': {
      const current = existing(state, event.data.commitmentId);
      return { ...state, commitments: withCommitments(state, [{ ...current, request: event.data.request }]) };
    }
    case 'commitments.pool-split': {
      const d = event.data;
      const pool = existing(state, d.poolId);
      const moved = d.parts.reduce((sum, part) => sum + cents(part.amount), 0n);
      const nextPool: Commitment = {
        ...withoutPending(pool),
        amountCents: cents(d.remaining),
        splitOutCents: pool.splitOutCents + moved,
        ...(d.poolPendingTransferId ? { pendingTransferId: d.poolPendingTransferId } : {}),
        ...(pool.status === 'firm'
          ? { engagements: [...pool.engagements, { year: yearOf(d.trace), cents: -moved }] }
          : {}),
      };
      const parts: Commitment[] = d.parts.map((part) => ({
        id: part.commitmentId,
        funder: part.funder,
        status: pool.status,
        ...(pool.conditionId ? { conditionId: pool.conditionId } : {}),
        ...(pool.act ? { act: pool.act } : {}),
        amountCents: cents(part.amount),
        paidCents: 0n,
        releasedCents: 0n,
        splitOutCents: 0n,
        payments: [],
        isPool: false,
        poolId: pool.id,
        fundingAccount: part.fundingAccount,
        ...(part.pendingTransferId ? { pendingTransferId: part.pendingTransferId } : {}),
        attribution: {
          ...pool.attribution,
          ...(part.epci ? { epci: part.epci } : {}),
          ...(part.label ? { label: part.label } : {}),
        },
        engagements: pool.status === 'firm' ? [{ year: yearOf(d.trace), cents: cents(part.amount) }] : [],
        since: d.trace.effectiveDate,
        ...(pool.status === 'firm' ? { firmSince: d.trace.effectiveDate } : {}),
        version: -1,
      }));
      return {
        ...state,
        ...book(state, d),
        commitments: withCommitments(state, [nextPool, ...parts]),
        operations: financing(
          state,
          pool.attribution.operation,
          parts.map((part) => part.id),
        ),
      };
    }
    case 'commitments.operation-declared': {
      const d = event.data;
      const before = state.operations.get(d.operationId);
      return {
        ...state,
        operations: state.operations.set(d.operationId, {
          id: d.operationId,
          label: d.label,
          projectOwner: d.projectOwner,
          quartiers: d.quartiers,
          ...(d.stake ? { stake: d.stake } : {}),
          ...(d.axis ? { axis: d.axis } : {}),
          ...(d.objective ? { objective: d.objective } : {}),
          ...(d.nature ? { nature: d.nature } : {}),
          eligibleBaseCents: cents(d.eligibleBase),
          ...(d.eligibleBaseTtc ? { eligibleBaseTtcCents: cents(d.eligibleBaseTtc) } : {}),
          ...(d.start ? { start: d.start } : {}),
          ...(d.end ? { end: d.end } : {}),
          references: d.references,
          commitmentIds: before?.commitmentIds ?? [],
          version: (before?.version ?? 0) + 1,
        }),
      };
    }
    case 'commitments.operation-referenced': {
      const current = state.operations.get(event.data.operationId);
      if (!current) throw new LedgerInvariantError(`opération ${event.data.operationId} absente du registre`);
      return {
        ...state,
        operations: state.operations.set(current.id, {
          ...current,
          references: [...current.references, event.data.reference],
          version: current.version + 1,
        }),
      };
    }
    case 'commitments.operation-revised': {
      const d = event.data;
      const current = state.operations.get(d.operationId);
      if (!current) throw new LedgerInvariantError(`opération ${d.operationId} absente du registre`);
      return {
        ...state,
        operations: state.operations.set(current.id, {
          ...current,
          ...(d.eligibleBase ? { eligibleBaseCents: cents(d.eligibleBase) } : {}),
          ...(d.start ? { start: d.start } : {}),
          ...(d.end ? { end: d.end } : {}),
          version: current.version + 1,
        }),
      };
    }
    case 'commitments.co-financing-rule-recorded':
      return { ...state, coFinancingRules: [...state.coFinancingRules, event.data.rule] };
    case 'commitments.document-figure-recorded':
      return { ...state, documentFigures: state.documentFigures.set(event.data.figureId, event.data) };
    case 'commitments.governance-step-recorded':
      return { ...state, governance: state.governance.set(event.data.stepId, event.data) };
  }
}

/** The registry's index of who finances an operation: the commitments booked for it, as they are recorded. */
function financing(
  state: CommitmentsState,
  operationId: string | undefined,
  commitmentIds: string[],
): CommitmentsState['operations'] {
  const operation = operationId ? state.operations.get(operationId) : undefined;
  if (!operation || commitmentIds.length === 0) return state.operations;
  return state.operations.set(operation.id, {
    ...operation,
    commitmentIds: [...operation.commitmentIds, ...commitmentIds],
  });
}

/** An event about a commitment the state does not hold cannot apply (history out of order, or a filtered replay). */
function existing(state: CommitmentsState, commitmentId: string): Commitment {
  const commitment = state.commitments.get(commitmentId);
  if (!commitment) throw new LedgerInvariantError(`engagement ${commitmentId} absent de l’état`);
  return commitment;
}

function withoutPending(commitment: Commitment): Commitment {
  const { pendingTransferId: _gone, ...rest } = commitment;
  return rest;
}

export function evolveAll(events: Iterable<CommitmentsEvent>, from: CommitmentsState): CommitmentsState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}
