import { emptyLedger, PersistentMap, type AccountDefinition, type LedgerState } from '@cvl/ledger';
import type { Cents } from '@cvl/money';
import type {
  BookingRequest,
  CommitmentAttribution,
  OperationReference,
  CommitmentStatus,
  DocumentFigureRecorded,
  GovernanceStepRecorded,
  PaymentKind,
  ReferenceKind,
  StatedFigure,
} from './events';
import type { CoFinancingRule } from './co-financing-rules';
import type { LegalAct } from './trace';

export interface ReferenceItem {
  kind: ReferenceKind;
  code: string;
  name: string;
  attributes: Record<string, string | string[]>;
  parent?: string;
  version: number;
}

export interface Envelope {
  id: string;
  funder: string;
  label: string;
  amountCents: Cents;
  programme?: string;
  year?: number;
}

export interface Condition {
  id: string;
  label: string;
  description: string;
  status: 'open' | 'met' | 'failed';
  resolvedOn?: string;
}

export interface Payment {
  id: string;
  kind: PaymentKind;
  amountCents: Cents;
  effectiveDate: string;
  serviceDoneDate?: string;
}

export interface Commitment {
  id: string;
  funder: string;
  envelopeId?: string;
  status: CommitmentStatus;
  conditionId?: string;
  act?: LegalAct;
  /** What is committed now, whatever the status: net of amendments, releases and splits. */
  amountCents: Cents;
  paidCents: Cents;
  releasedCents: Cents;
  /** Moved to the parts of a pool by splits. */
  splitOutCents: Cents;
  payments: Payment[];
  isPool: boolean;
  poolId?: string;
  /** Where the money comes from in the ledger: the funder's resources, an envelope, or the pool. */
  fundingAccount: string;
  /** The reservation standing for an indicative or conditional commitment. */
  pendingTransferId?: string;
  attribution: CommitmentAttribution;
  stated?: StatedFigure;
  /** The request of another service this commitment answers (its latest version). */
  request?: BookingRequest;
  /**
   * AE: what became firm in which year (firmed, amended, released, split — each in its effective year). Their sum
   * is the firm amount; with the payments by year (CP), what remains to pay at the end of each year.
   */
  engagements: Array<{ year: number; cents: Cents }>;
  /** When it took effect (its recording), and when it became firm: nothing later in its life may be dated before. */
  since: string;
  firmSince?: string;
  /** The years the commitment covers (a window stays a window) and its planned payments per year. */
  schedule?: CommitmentSchedule;
  /** Counts the events that touched it: its ETag. */
  version: number;
}

/** An operation of the registry, with the commitments that finance it (kept as they are booked: no scan). */
export interface Operation {
  id: string;
  label: string;
  projectOwner: string;
  quartiers: string[];
  stake?: string;
  axis?: string;
  objective?: string;
  nature?: string;
  eligibleBaseCents: Cents;
  eligibleBaseTtcCents?: Cents;
  start?: string;
  end?: string;
  references: OperationReference[];
  commitmentIds: string[];
  version: number;
}

export interface CommitmentSchedule {
  fromYear: number;
  toYear: number;
  planned: Array<{ year: number; amountCents: Cents }>;
}

/** Immutable: evolve returns a new state sharing what did not change (persistent maps, no full copies). */
export interface CommitmentsState {
  references: PersistentMap<string, ReferenceItem>;
  envelopes: PersistentMap<string, Envelope>;
  conditions: PersistentMap<string, Condition>;
  commitments: PersistentMap<string, Commitment>;
  accounts: PersistentMap<string, AccountDefinition>;
  operations: PersistentMap<string, Operation>;
  /** The source document's money lines, as recorded (booked or not), by figure id. */
  documentFigures: PersistentMap<string, DocumentFigureRecorded>;
  /** The contract's dated governance steps (revoyure, avenants, committees, period), by step id. */
  governance: PersistentMap<string, GovernanceStepRecorded>;
  /** The co-financing rules recorded in the ledger, over the defaults in code (co-financing-rules.ts). */
  coFinancingRules: readonly CoFinancingRule[];
  ledger: LedgerState;
}

export const initialState = (): CommitmentsState => ({
  references: PersistentMap.empty(),
  envelopes: PersistentMap.empty(),
  conditions: PersistentMap.empty(),
  commitments: PersistentMap.empty(),
  accounts: PersistentMap.empty(),
  operations: PersistentMap.empty(),
  documentFigures: PersistentMap.empty(),
  governance: PersistentMap.empty(),
  coFinancingRules: [],
  ledger: emptyLedger(),
});

export const referenceKey = (kind: ReferenceKind, code: string) => `${kind}:${code}`;

/** A funder's (or organisation's) name as the referential gives it, its code when it has none. */
export const funderName = (state: CommitmentsState, code: string): string =>
  state.references.get(referenceKey('funder', code))?.name ?? code;

/** Ledger account names: one ledger (EUR), accounts per funder, envelope and commitment. */
export const LEDGER = 'EUR';
export const accountOf = {
  funderResources: (funder: string) => `funder:${funder}`,
  funderPayments: (funder: string) => `paid:${funder}`,
  envelope: (envelopeId: string) => `envelope:${envelopeId}`,
  commitment: (commitmentId: string) => `commitment:${commitmentId}`,
};

export function outstandingCents(commitment: Commitment): Cents {
  return commitment.status === 'firm' ? commitment.amountCents - commitment.paidCents : 0n;
}
