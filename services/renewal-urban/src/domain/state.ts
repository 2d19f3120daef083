import { fromDecimalString, toDecimalString, type Cents } from '@cvl/money';
import type { PartyOfProtocol, PlanLine, QuartierOfProtocol, RenewalEvent, TableRow } from './events';
import type { Refusal } from '@cvl/refusal';
import { refuse } from './refusals';
import type { OperationNature } from './rules';

export type ProtocolStatus = 'draft' | 'submitted' | 'committee-held' | 'signed';

export interface Operation {
  id: string;
  label: string;
  nature: OperationNature;
  projectOwner: string;
  quartier: string;
  eligibleBaseCents: Cents;
  start: string;
  end: string;
  costsFrom: string;
  boughtByGroup: boolean;
  /** Its identity in the ledger's registry: named when added, else « renewal-urban.<protocole>.<opération> ». */
  registryOperation: string;
  plan: PlanLine[];
  /** Counts the plans set for this operation: approvals name the version they book. */
  planVersion: number;
  approvedVersion?: number;
  /** The lines of the plan last approved: what the ledger was asked to book. */
  approvedPlan?: PlanLine[];
  /** Withdrawn (freely before signature, by avenant after): it leaves the financial table; its history stays. */
  withdrawn?: { on: string; act?: { reference: string; date: string } };
  /** What each funder's commitment holds in the ledger: the amount of the last version it booked for it. */
  booked?: ReadonlyMap<string, string>;
  /** What the ledger answered to the release of each line a withdrawal asked for. */
  releases?: ReadonlyMap<string, { outcome: 'booked' | 'refused'; reason?: string }>;
  /** What the ledger answered for each funder line of the approved plan. */
  bookings: ReadonlyMap<
    string,
    { requestId: string; planVersion: number; outcome: 'booked' | 'refused'; commitmentId?: string; reason?: string }
  >;
}

export interface Protocol {
  id: string;
  label: string;
  status: ProtocolStatus;
  quartiers: QuartierOfProtocol[];
  parties: PartyOfProtocol[];
  stake?: string;
  objective?: string;
  purchasingGroup: Array<{ code: string; weight?: number }>;
  /** The day it was submitted to ANRU: its comité d'engagement cannot be held earlier. */
  submittedOn?: string;
  committeeDate?: string;
  signature?: { reference: string; date: string };
  amendments: number;
  operations: ReadonlyMap<string, Operation>;
  /** The financial table at each signed version (1 = signature, then one per avenant). */
  versions: Array<{ version: number; act: { reference: string; date: string }; table: TableRow[] }>;
  revision: number;
}

export function evolve(state: Protocol | undefined, event: RenewalEvent): Protocol {
  if (event.type === 'renewal-urban.protocol-drafted') {
    const d = event.data;
    return {
      id: d.protocolId,
      label: d.label,
      status: 'draft',
      quartiers: d.quartiers,
      parties: d.parties,
      ...(d.stake ? { stake: d.stake } : {}),
      ...(d.objective ? { objective: d.objective } : {}),
      purchasingGroup: [],
      amendments: 0,
      operations: new Map(),
      versions: [],
      revision: 0,
    };
  }
  if (!state) throw new Error(`protocole absent pour ${event.type}`);
  const next = { ...state, revision: state.revision + 1 };
  switch (event.type) {
    case 'renewal-urban.npnru-quartier-listed':
      // ANRU's list is its own stream (list-npnru-quartier): never in a protocol's.
      return state;
    case 'renewal-urban.purchasing-group-formed':
      return { ...next, purchasingGroup: event.data.members };
    case 'renewal-urban.operation-added': {
      const d = event.data;
      const operations = new Map(state.operations);
      operations.set(d.operationId, {
        id: d.operationId,
        label: d.label,
        nature: d.nature,
        projectOwner: d.projectOwner,
        quartier: d.quartier,
        eligibleBaseCents: fromDecimalString(d.eligibleBase),
        start: d.start,
        end: d.end,
        costsFrom: d.costsFrom,
        boughtByGroup: d.boughtByGroup,
        registryOperation: d.registryOperation ?? `renewal-urban.${d.protocolId}.${d.operationId}`,
        plan: [],
        planVersion: 0,
        bookings: new Map(),
      });
      return { ...next, operations };
    }
    case 'renewal-urban.financing-plan-set': {
      const operations = new Map(state.operations);
      const operation = state.operations.get(event.data.operationId) as Operation;
      operations.set(operation.id, { ...operation, plan: event.data.lines, planVersion: operation.planVersion + 1 });
      return { ...next, operations };
    }
    case 'renewal-urban.operation-revised': {
      const d = event.data;
      const operation = state.operations.get(d.operationId) as Operation;
      const operations = new Map(state.operations);
      operations.set(operation.id, {
        ...operation,
        ...(d.start ? { start: d.start } : {}),
        ...(d.end ? { end: d.end } : {}),
        ...(d.eligibleBase ? { eligibleBaseCents: fromDecimalString(d.eligibleBase) } : {}),
        ...(d.planCleared ? { plan: [] } : {}),
      });
      return { ...next, operations };
    }
    case 'renewal-urban.operation-withdrawn': {
      const d = event.data;
      const operation = state.operations.get(d.operationId) as Operation;
      const operations = new Map(state.operations);
      operations.set(operation.id, {
        ...operation,
        withdrawn: { on: d.act?.date ?? d.trace.effectiveDate, ...(d.act ? { act: d.act } : {}) },
      });
      return { ...next, operations };
    }
    case 'renewal-urban.party-added':
      return { ...next, parties: [...state.parties, event.data.party] };
    case 'renewal-urban.protocol-submitted':
      return { ...next, status: 'submitted', submittedOn: event.data.trace.effectiveDate };
    case 'renewal-urban.engagement-committee-held':
      return { ...next, status: 'committee-held', committeeDate: event.data.date };
    case 'renewal-urban.protocol-signed':
      return {
        ...next,
        status: 'signed',
        signature: event.data.act,
        versions: [...state.versions, { version: event.data.version, act: event.data.act, table: event.data.table }],
      };
    case 'renewal-urban.amendment-signed':
      return {
        ...next,
        amendments: event.data.number,
        versions: [...state.versions, { version: event.data.version, act: event.data.act, table: event.data.table }],
      };
    case 'renewal-urban.funder-line-booking-recorded': {
      const d = event.data;
      const operations = new Map(state.operations);
      const operation = state.operations.get(d.operationId) as Operation;
      if (d.step === WITHDRAWAL_STEP) {
        const releases = new Map(operation.releases ?? []);
        releases.set(d.funder, { outcome: d.outcome, ...(d.reason ? { reason: d.reason } : {}) });
        operations.set(operation.id, { ...operation, releases });
        return { ...next, operations };
      }
      // A refused later version leaves the commitment as the earlier one booked it: only a booked answer moves it.
      const amount = d.amount ?? operation.approvedPlan?.find((line) => line.funder === d.funder)?.amount;
      const booked = new Map(operation.booked ?? []);
      if (d.outcome === 'booked' && amount) booked.set(d.funder, amount);
      const bookings = new Map(operation.bookings);
      bookings.set(d.funder, {
        requestId: d.requestId,
        planVersion: d.planVersion,
        outcome: d.outcome,
        ...(d.commitmentId ? { commitmentId: d.commitmentId } : {}),
        ...(d.reason ? { reason: d.reason } : {}),
      });
      operations.set(operation.id, { ...operation, bookings, booked });
      return { ...next, operations };
    }
    case 'renewal-urban.financing-plan-approved': {
      const operations = new Map(state.operations);
      const operation = state.operations.get(event.data.operationId) as Operation;
      operations.set(operation.id, {
        ...operation,
        approvedVersion: event.data.planVersion,
        approvedPlan: event.data.lines.map(({ funder, amount, rateBasisPoints }) => ({
          funder,
          amount,
          rateBasisPoints,
        })),
      });
      return { ...next, operations };
    }
  }
}

/** The step of the requests a withdrawal sends the ledger (release what the plan booked). */
export const WITHDRAWAL_STEP = 'retrait';

/**
 * The operation a command changes, still in the protocol: unknown, or withdrawn (its history stays, nothing more
 * changes it), it is refused naming `operationId`.
 */
export function liveOperation(protocol: Protocol, operationId: string): Operation | Refusal {
  const operation = protocol.operations.get(operationId);
  if (!operation) return refuse('unknown-operation', `Opération inconnue : ${operationId}`, { field: 'operationId' });
  if (operation.withdrawn)
    return refuse('operation-withdrawn', `L’opération ${operationId} a été retirée le ${operation.withdrawn.on}`, {
      field: 'operationId',
    });
  return operation;
}

/** The operations not withdrawn: those the financial table and the submission count. */
export function liveOperations(protocol: Protocol): Operation[] {
  return [...protocol.operations.values()].filter((operation) => !operation.withdrawn);
}

/** The financial table as the operations stand now: quartier × operation × funder, amounts and rates. */
export function currentTable(protocol: Protocol): TableRow[] {
  return liveOperations(protocol)
    .flatMap((operation) =>
      operation.plan.map((line) => ({
        quartier: operation.quartier,
        operationId: operation.id,
        operationLabel: operation.label,
        nature: operation.nature,
        eligibleBase: toDecimalString(operation.eligibleBaseCents),
        funder: line.funder,
        amount: line.amount,
        rateBasisPoints: line.rateBasisPoints,
      })),
    )
    .sort(
      (a, b) =>
        a.quartier.localeCompare(b.quartier) ||
        a.operationId.localeCompare(b.operationId) ||
        a.funder.localeCompare(b.funder),
    );
}
