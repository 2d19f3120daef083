import type { Traceability } from '@cvl/ledger';
import type { OperationNature } from './rules';

/** Who, when (valid and transaction time), on what basis: every event carries it (the reason is the event's type). */
export type Trace = Omit<Traceability, 'reasonCode'>;

export type Interest = 'national' | 'regional';

/** A quartier of the protocol: its QPV code, its NPNRU interest, and the name people read (reference data). */
export interface QuartierOfProtocol {
  code: string;
  interest: Interest;
  name?: string;
}

/** A party to the protocol, its role in it, and the name people read. */
export interface PartyOfProtocol {
  code: string;
  role: string;
  name?: string;
}

export interface PlanLine {
  funder: string;
  /** Euros, decimal string (« 50000.00 »). */
  amount: string;
  rateBasisPoints: number;
}

/** The protocol's financial table at a version: one row per operation × funder. */
export interface TableRow {
  quartier: string;
  operationId: string;
  operationLabel: string;
  nature: OperationNature;
  eligibleBase: string;
  funder: string;
  amount: string;
  rateBasisPoints: number;
}

/**
 * A quartier of the NPNRU, as ANRU lists it (the quartiers of national interest by arrêté, those of regional interest
 * by the préfet de région): only those are drafted into a protocol, with the interest listed.
 */
export interface NpnruQuartierListed {
  code: string;
  name: string;
  interest: Interest;
  trace: Trace;
}

export type RenewalEvent =
  | BookingEvent
  | { type: 'renewal-urban.npnru-quartier-listed'; data: NpnruQuartierListed }
  | {
      type: 'renewal-urban.protocol-drafted';
      data: {
        protocolId: string;
        label: string;
        quartiers: QuartierOfProtocol[];
        parties: PartyOfProtocol[];
        stake?: string;
        objective?: string;
        trace: Trace;
      };
    }
  | {
      type: 'renewal-urban.party-added';
      data: {
        protocolId: string;
        party: PartyOfProtocol;
        act?: { reference: string; date: string };
        trace: Trace;
      };
    }
  | {
      type: 'renewal-urban.purchasing-group-formed';
      data: { protocolId: string; members: Array<{ code: string; weight?: number }>; trace: Trace };
    }
  | {
      type: 'renewal-urban.operation-added';
      data: {
        protocolId: string;
        operationId: string;
        label: string;
        nature: OperationNature;
        projectOwner: string;
        quartier: string;
        eligibleBase: string;
        start: string;
        end: string;
        costsFrom: string;
        boughtByGroup: boolean;
        /** The ledger registry's operation these works are (another programme may finance them too). */
        registryOperation?: string;
        trace: Trace;
      };
    }
  | {
      type: 'renewal-urban.operation-revised';
      data: {
        protocolId: string;
        operationId: string;
        /** Only what changes: its calendar, its eligible base. */
        start?: string;
        end?: string;
        eligibleBase?: string;
        /** A new base clears the plan (it added up to the old one): a new plan is set, then approved. */
        planCleared: boolean;
        /** Once the protocol is signed, the avenant that changes the operation. */
        act?: { reference: string; date: string };
        trace: Trace;
      };
    }
  | {
      type: 'renewal-urban.operation-withdrawn';
      data: {
        protocolId: string;
        operationId: string;
        act?: { reference: string; date: string };
        /** The plan version the ledger booked, and each funder line it booked: the ledger is asked to release them. */
        planVersion?: number;
        released: Array<{ funder: string; amount: string }>;
        trace: Trace;
      };
    }
  | {
      type: 'renewal-urban.financing-plan-set';
      data: { protocolId: string; operationId: string; lines: PlanLine[]; groupShare?: string; trace: Trace };
    }
  | { type: 'renewal-urban.protocol-submitted'; data: { protocolId: string; trace: Trace } }
  | { type: 'renewal-urban.engagement-committee-held'; data: { protocolId: string; date: string; trace: Trace } }
  | {
      type: 'renewal-urban.protocol-signed';
      data: {
        protocolId: string;
        act: { reference: string; date: string };
        version: number;
        table: TableRow[];
        trace: Trace;
      };
    }
  | {
      type: 'renewal-urban.amendment-signed';
      data: {
        protocolId: string;
        number: number;
        act: { reference: string; date: string };
        version: number;
        table: TableRow[];
        trace: Trace;
      };
    }
  | {
      type: 'renewal-urban.financing-plan-approved';
      data: {
        protocolId: string;
        operationId: string;
        planVersion: number;
        bookingStatus: 'indicative' | 'firm';
        act?: { reference: string; date: string };
        quartier: string;
        label: string;
        lines: Array<PlanLine & { requestId: string }>;
        /** The works as the ledger's registry knows them: their aid, from every programme, counts against its caps. */
        operation?: RegistryOperation;
        /** The protocol's stake and objective of the contract, for the ledger's attribution. */
        stake?: string;
        objective?: string;
        trace: Trace;
      };
    };

/** What the ledger's registry is told of an operation the plan finances. */
export interface RegistryOperation {
  id: string;
  projectOwner: string;
  nature: OperationNature;
  eligibleBase: string;
  start: string;
  end: string;
}

export interface BookingOutcome {
  protocolId: string;
  operationId: string;
  funder: string;
  requestId: string;
  planVersion: number;
  outcome: 'booked' | 'refused';
  /** The ledger's commitment, when booked. */
  commitmentId?: string;
  /** The ledger's refusal, in its words, when refused. */
  reason?: string;
  code?: string;
  /** « retrait » when the answer is to a withdrawal's release (else to the plan's booking). */
  step?: string;
  /** The amount the ledger answered for (booked: what the commitment now holds). */
  amount?: string;
  trace: Trace;
}

export type BookingEvent = { type: 'renewal-urban.funder-line-booking-recorded'; data: BookingOutcome };

export const RENEWAL_EVENT_TYPES: Array<RenewalEvent['type']> = [
  'renewal-urban.npnru-quartier-listed',
  'renewal-urban.protocol-drafted',
  'renewal-urban.purchasing-group-formed',
  'renewal-urban.party-added',
  'renewal-urban.operation-added',
  'renewal-urban.operation-revised',
  'renewal-urban.operation-withdrawn',
  'renewal-urban.financing-plan-set',
  'renewal-urban.protocol-submitted',
  'renewal-urban.engagement-committee-held',
  'renewal-urban.protocol-signed',
  'renewal-urban.amendment-signed',
  'renewal-urban.financing-plan-approved',
  'renewal-urban.funder-line-booking-recorded',
];

export const SCHEMA_VERSION = 1;
