import { fromDecimalString, type Cents } from '@cvl/money';
import type { AxisEnvelope, ItiEvent, Line } from './events';
import type { Dwelling, RuleCheck } from './rules';

export type OperationStatus = 'received' | 'complete' | 'appraised' | 'rejected' | 'programmed' | 'agreed' | 'closed';

export interface Claim {
  id: string;
  expensesCents: Cents;
  final: boolean;
  checked?: { acceptedExpensesCents: Cents; payableFederCents: Cents; publicAidCents: Cents };
  paidCents: Cents;
}

export interface ItiOperation {
  id: string;
  label: string;
  beneficiary: string;
  quartier: string;
  axis: number;
  priority: string;
  eligibleCostCents: Cents;
  federCents: Cents;
  coFunders: Line[];
  dwellings: Dwelling[];
  /** The dwellings the appraisal excluded, each with the rule it failed. */
  excludedDwellings?: Array<{ dwelling: string; reason: string }>;
  tranche: number;
  /** Its identity in the ledger's registry: named at reception, else « iti-feder.<programme>.<opération> ». */
  registryOperation: string;
  status: OperationStatus;
  receivedOn: string;
  checks: RuleCheck[];
  committeeDate?: string;
  act?: { reference: string; date: string };
  /** Each co-funder's own act, once it committed (its line is then firm in the ledger). */
  coFunderActs?: ReadonlyMap<string, { reference: string; date: string }>;
  claims: Claim[];
  paidCents: Cents;
  releasedCents: Cents;
  /** What the ledger answered, per funder. */
  bookings: ReadonlyMap<string, { outcome: 'booked' | 'refused'; reason?: string; amountCents?: Cents }>;
}

export interface Programme {
  id: string;
  envelopeVersion: number;
  axes: AxisEnvelope[];
  envelopeHistory: Array<{ version: number; act?: { reference: string; date: string }; axes: AxisEnvelope[] }>;
  strategyAxes: number[];
  operations: ReadonlyMap<string, ItiOperation>;
  revision: number;
}

function withOperation(state: Programme, id: string, change: (operation: ItiOperation) => ItiOperation): Programme {
  const operation = state.operations.get(id);
  if (!operation) throw new Error(`opération ${id} absente`);
  const operations = new Map(state.operations);
  operations.set(id, change(operation));
  return { ...state, operations };
}

export function evolve(state: Programme | undefined, event: ItiEvent): Programme {
  const base: Programme = state ?? {
    id: event.data.programmeId,
    envelopeVersion: 0,
    axes: [],
    envelopeHistory: [],
    strategyAxes: [],
    operations: new Map(),
    revision: -1,
  };
  const next = { ...base, revision: base.revision + 1 };
  switch (event.type) {
    case 'iti-feder.envelope-set':
      return {
        ...next,
        envelopeVersion: event.data.version,
        axes: event.data.axes,
        envelopeHistory: [
          ...base.envelopeHistory,
          { version: event.data.version, ...(event.data.act ? { act: event.data.act } : {}), axes: event.data.axes },
        ],
      };
    case 'iti-feder.strategy-adopted':
      return { ...next, strategyAxes: event.data.axes };
    case 'iti-feder.application-received': {
      const a = event.data;
      const operations = new Map(base.operations);
      operations.set(a.operationId, {
        id: a.operationId,
        label: a.label,
        beneficiary: a.beneficiary,
        quartier: a.quartier,
        axis: a.axis,
        priority: a.priority,
        eligibleCostCents: fromDecimalString(a.eligibleCost),
        federCents: fromDecimalString(a.feder),
        coFunders: a.coFunders,
        dwellings: a.dwellings,
        tranche: a.tranche,
        registryOperation: a.registryOperation ?? `iti-feder.${a.programmeId}.${a.operationId}`,
        status: 'received',
        receivedOn: a.trace.effectiveDate,
        checks: [],
        claims: [],
        paidCents: 0n,
        releasedCents: 0n,
        bookings: new Map(),
      });
      return { ...next, operations };
    }
    case 'iti-feder.application-completed':
      return withOperation(next, event.data.operationId, (o) => ({ ...o, status: 'complete' }));
    case 'iti-feder.application-appraised': {
      const retained = event.data.retained;
      const excluded = new Set((event.data.excluded ?? []).map((x) => x.dwelling));
      return withOperation(next, event.data.operationId, (o) => ({
        ...o,
        status: event.data.eligible ? 'appraised' : 'rejected',
        checks: event.data.checks,
        // The dwellings excluded leave the operation: what is programmed is the works kept, and their aid.
        ...(retained
          ? {
              dwellings: o.dwellings.filter((d) => !excluded.has(d.id)),
              excludedDwellings: event.data.excluded ?? [],
              eligibleCostCents: fromDecimalString(retained.eligibleCost),
              federCents: fromDecimalString(retained.feder),
              coFunders: retained.coFunders,
            }
          : {}),
      }));
    }
    case 'iti-feder.operation-programmed':
      return withOperation(next, event.data.operationId, (o) => ({
        ...o,
        status: 'programmed',
        committeeDate: event.data.committeeDate,
      }));
    case 'iti-feder.co-funder-committed': {
      const d = event.data;
      return withOperation(next, d.operationId, (o) => ({
        ...o,
        coFunderActs: new Map([...(o.coFunderActs ?? []), [d.funder, d.act]]),
      }));
    }
    case 'iti-feder.grant-agreed':
      return withOperation(next, event.data.operationId, (o) => ({ ...o, status: 'agreed', act: event.data.act }));
    case 'iti-feder.payment-claimed':
      return withOperation(next, event.data.operationId, (o) => ({
        ...o,
        claims: [
          ...o.claims,
          {
            id: event.data.claimId,
            expensesCents: fromDecimalString(event.data.expenses),
            final: event.data.final,
            paidCents: 0n,
          },
        ],
      }));
    case 'iti-feder.service-done-checked': {
      const c = event.data;
      return withOperation(next, c.operationId, (o) => ({
        ...o,
        claims: o.claims.map((claim) =>
          claim.id === c.claimId
            ? {
                ...claim,
                checked: {
                  acceptedExpensesCents: fromDecimalString(c.acceptedExpenses),
                  payableFederCents: fromDecimalString(c.payableFeder),
                  publicAidCents: fromDecimalString(c.publicAid),
                },
              }
            : claim,
        ),
      }));
    }
    case 'iti-feder.payment-made': {
      const p = event.data;
      const amount = fromDecimalString(p.amount);
      return withOperation(next, p.operationId, (o) => ({
        ...o,
        paidCents: o.paidCents + amount,
        claims: o.claims.map((claim) =>
          claim.id === p.claimId ? { ...claim, paidCents: claim.paidCents + amount } : claim,
        ),
      }));
    }
    case 'iti-feder.unused-released':
      return withOperation(next, event.data.operationId, (o) => ({
        ...o,
        status: 'closed',
        releasedCents: o.releasedCents + fromDecimalString(event.data.amount),
      }));
    case 'iti-feder.booking-answered': {
      const b = event.data;
      return withOperation(next, b.operationId, (o) => {
        const bookings = new Map(o.bookings);
        bookings.set(b.funder, {
          outcome: b.outcome,
          ...(b.reason ? { reason: b.reason } : {}),
          ...(b.amount ? { amountCents: fromDecimalString(b.amount) } : {}),
        });
        return { ...o, bookings };
      });
    }
  }
}

/** FEDER programmed on an axis: operations programmed or further (not rejected), net of releases. */
export function programmedOnAxis(state: Programme, axis: number, except?: string): Cents {
  return [...state.operations.values()]
    .filter(
      (o) =>
        o.axis === axis &&
        o.id !== except &&
        (o.status === 'programmed' || o.status === 'agreed' || o.status === 'closed'),
    )
    .reduce((sum, o) => sum + o.federCents - o.releasedCents, 0n);
}

/** The cap of an axis: the CALL's share once an avenant sets it, else the region-wide envelope. */
export function axisCap(state: Programme, axis: number): Cents | undefined {
  const envelope = state.axes.find((a) => a.axis === axis);
  if (!envelope) return undefined;
  return fromDecimalString(envelope.callShare ?? envelope.amount);
}
