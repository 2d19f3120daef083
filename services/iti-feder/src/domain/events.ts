import type { Traceability } from '@cvl/ledger';
import type { Dwelling, RuleCheck } from './rules';

/** Who, when (valid and transaction time), on what basis: every event carries it (the reason is the event's type). */
export type Trace = Omit<Traceability, 'reasonCode'>;

export interface AxisEnvelope {
  axis: number;
  label: string;
  /** Region-wide envelope of the axis. */
  amount: string;
  /** The CALL's share, once an avenant sets it: then the cap of what the CALL programmes. */
  callShare?: string;
  priorities: string[];
}

export interface Line {
  funder: string;
  amount: string;
  /** A co-funder's own envelope in the ledger, when the application names it: its line draws on it. */
  envelope?: string;
}

export type ItiEvent =
  | {
      type: 'iti-feder.envelope-set';
      data: {
        programmeId: string;
        version: number;
        act?: { reference: string; date: string };
        axes: AxisEnvelope[];
        trace: Trace;
      };
    }
  | { type: 'iti-feder.strategy-adopted'; data: { programmeId: string; axes: number[]; trace: Trace } }
  | {
      type: 'iti-feder.application-received';
      data: {
        programmeId: string;
        operationId: string;
        label: string;
        beneficiary: string;
        quartier: string;
        axis: number;
        priority: string;
        eligibleCost: string;
        feder: string;
        coFunders: Line[];
        dwellings: Dwelling[];
        tranche: number;
        /** The ledger registry's operation these works are (another programme may finance them too). */
        registryOperation?: string;
        trace: Trace;
      };
    }
  | {
      type: 'iti-feder.co-funder-committed';
      data: {
        programmeId: string;
        operationId: string;
        funder: string;
        amount: string;
        /** The co-funder's own act (its deliberation, its convention): what makes its line firm — not the FEDER's. */
        act: { reference: string; date: string };
        requestId: string;
        trace: Trace;
      };
    }
  | { type: 'iti-feder.application-completed'; data: { programmeId: string; operationId: string; trace: Trace } }
  | {
      type: 'iti-feder.application-appraised';
      data: {
        programmeId: string;
        operationId: string;
        eligible: boolean;
        checks: RuleCheck[];
        /** The dwellings that failed, each with its reason: excluded, the rest proceeds. */
        excluded?: Array<{ dwelling: string; reason: string }>;
        /** What proceeds without them: the cost of the dwellings kept, each line's aid in the same proportion. */
        retained?: {
          dwellings: number;
          of: number;
          basis: 'dwelling-costs' | 'pro-rata';
          eligibleCost: string;
          feder: string;
          coFunders: Line[];
        };
        trace: Trace;
      };
    }
  | {
      type: 'iti-feder.operation-programmed';
      data: {
        programmeId: string;
        operationId: string;
        committeeDate: string;
        axis: number;
        feder: string;
        label: string;
        quartier: string;
        lines: Array<Line & { requestId: string }>;
        /** The works as the ledger's registry knows them: their aid, from every programme, counts against its caps. */
        operation?: { id: string; projectOwner: string; eligibleBase: string };
        trace: Trace;
      };
    }
  | {
      type: 'iti-feder.grant-agreed';
      data: {
        programmeId: string;
        operationId: string;
        act: { reference: string; date: string };
        lines: Array<Line & { requestId: string }>;
        trace: Trace;
      };
    }
  | {
      type: 'iti-feder.payment-claimed';
      data: {
        programmeId: string;
        operationId: string;
        claimId: string;
        expenses: string;
        final: boolean;
        trace: Trace;
      };
    }
  | {
      type: 'iti-feder.service-done-checked';
      data: {
        programmeId: string;
        operationId: string;
        claimId: string;
        acceptedExpenses: string;
        payableFeder: string;
        publicAid: string;
        trace: Trace;
      };
    }
  | {
      type: 'iti-feder.payment-made';
      data: {
        programmeId: string;
        operationId: string;
        claimId: string;
        amount: string;
        requestId: string;
        kind: 'acompte' | 'solde';
        serviceDoneDate: string;
        trace: Trace;
      };
    }
  | {
      type: 'iti-feder.unused-released';
      data: { programmeId: string; operationId: string; amount: string; requestId: string; trace: Trace };
    }
  | {
      type: 'iti-feder.booking-answered';
      data: {
        programmeId: string;
        operationId: string;
        funder: string;
        requestId: string;
        outcome: 'booked' | 'refused';
        amount?: string;
        reason?: string;
        trace: Trace;
      };
    };

export const ITI_EVENT_TYPES: Array<ItiEvent['type']> = [
  'iti-feder.envelope-set',
  'iti-feder.strategy-adopted',
  'iti-feder.application-received',
  'iti-feder.application-completed',
  'iti-feder.application-appraised',
  'iti-feder.co-funder-committed',
  'iti-feder.operation-programmed',
  'iti-feder.grant-agreed',
  'iti-feder.payment-claimed',
  'iti-feder.service-done-checked',
  'iti-feder.payment-made',
  'iti-feder.unused-released',
  'iti-feder.booking-answered',
];

export const SCHEMA_VERSION = 1;
