import type { AccountDefinition, TransferPhase } from '@cvl/ledger';
import type { CoFinancingRule } from './co-financing-rules';
import type { BookingTrace, LegalAct } from './trace';

/**
 * The events of the ledger of record. Amounts are decimal strings in euros (« 1700000.00 »), as everywhere in JSON.
 * Every event that moves money carries the transfers it booked, the accounts it opened, and the commitments it
 * touched; its schema lives in contracts/events/commitments/<name>.v1.schema.json.
 */
export interface SerializedTransfer {
  id: string;
  phase: TransferPhase;
  debit: string;
  credit: string;
  amount?: string;
  pendingId?: string;
  correctsId?: string;
  linked?: boolean;
}

export interface Bookings {
  trace: BookingTrace;
  accounts: AccountDefinition[];
  transfers: SerializedTransfer[];
  commitmentIds: string[];
}

/** « organisation »: a partner that acts in the suite without funding (an auditor, the platform's operator). */
export type ReferenceKind =
  'funder' | 'epci' | 'quartier' | 'programme' | 'stake' | 'axis' | 'objective' | 'organisation';

export interface ReferenceRecorded {
  kind: ReferenceKind;
  code: string;
  name: string;
  /** Free attributes of the kind: category of a funder, communes of a quartier… */
  attributes: Record<string, string | string[]>;
  /** The parent in the strategy tree (axis → stake, objective → axis). */
  parent?: string;
  trace: BookingTrace;
}

export interface EnvelopeOpened extends Bookings {
  envelopeId: string;
  funder: string;
  label: string;
  amount: string;
  programme?: string;
  year?: number;
}

export interface ConditionRegistered {
  conditionId: string;
  label: string;
  description: string;
  trace: BookingTrace;
}

export type CommitmentStatus = 'indicative' | 'conditional' | 'firm' | 'lapsed';

/** How the figure reads in its source, and how it is computed when the source gives the parts. */
export interface StatedFigure {
  text: string;
  /** The stated text read as cents, when it reads as one amount. */
  amount?: string;
  range?: { min: string; max: string; central?: string };
  formula?:
    | { kind: 'product'; unitAmount: string; quantity: number }
    | { kind: 'share'; baseAmount: string; rateBasisPoints: number };
}

export interface CommitmentAttribution {
  label: string;
  projectOwner?: string;
  programme?: string;
  quartier?: string;
  epci?: string;
  stake?: string;
  axis?: string;
  objective?: string;
  year: number;
  /** The scale the amount is stated at: « CALL », « Bassin Minier », « Région »… */
  scale: string;
  /** The operation of the registry the commitment finances: its aid counts in the operation's co-financing caps. */
  operation?: string;
}

/** Where an operation is known outside the ledger: a programme's dossier, a funder's system (Agora, Synergie…). */
export interface OperationReference {
  /** « renewal-urban », « iti-feder », « agora » (ANRU), « synergie » (FEDER), « dauphin » (P147), « call-ap »… */
  system: string;
  reference: string;
}

/** An operation declared in the registry: one identity, whichever programmes and funders finance it. */
export interface OperationDeclared {
  operationId: string;
  label: string;
  /** The project owner (maître d’ouvrage), a funder of the referential: its own share is not aid. */
  projectOwner: string;
  quartiers: string[];
  stake?: string;
  axis?: string;
  objective?: string;
  /** The programme's nature of the operation (« etude », « rehabilitation »…): some caps depend on it. */
  nature?: string;
  /** Eligible base excluding VAT (HT), in euros: what the caps are rates of. */
  eligibleBase: string;
  /** Including VAT (TTC), where the project owner cannot recover it. */
  eligibleBaseTtc?: string;
  start?: string;
  end?: string;
  references: OperationReference[];
  trace: BookingTrace;
}

/** A programme or a funder system that knows an operation already declared. */
export interface OperationReferenced {
  operationId: string;
  reference: OperationReference;
  trace: BookingTrace;
}

/**
 * The operation's base or calendar revised by the system that declared it (a protocol's avenant, a revised
 * application): its caps are rates of the new base from then on. Only what changes.
 */
export interface OperationRevised {
  operationId: string;
  eligibleBase?: string;
  start?: string;
  end?: string;
  /** The system whose declaration this revises (the first reference of the operation). */
  by: OperationReference;
  trace: BookingTrace;
}

/**
 * What a money line of the source document is, once read: a commitment or an envelope (booked, and linked here),
 * a rollup of other lines (subtotal, total), a product or a unit cost, a rule's threshold or rate, money already
 * spent before the contract (history), context (incomes, programmes at other scales), or a participation announced
 * without an amount (pour mémoire: visible, never summed).
 */
export const DOCUMENT_FIGURE_ROLES = [
  'booking',
  'envelope',
  'subtotal',
  'total',
  'product',
  'unit-cost',
  'threshold',
  'history',
  'context',
  'pour-memoire',
] as const;
export type DocumentFigureRole = (typeof DOCUMENT_FIGURE_ROLES)[number];

/**
 * A money line of the source document recorded as it reads, with its provenance: every euro figure of the contract
 * can be found in the ledger, booked or not, and the reconciliation reads these events — not a file on disk.
 */
export interface DocumentFigureRecorded {
  figureId: string;
  role: DocumentFigureRole;
  /** The figure exactly as written (« 64,5M€ », « 500 à 1 000 k€ », « à définir »). */
  text: string;
  /** The document's own wording of its status (« démarche d'intention », « total arrondi », « p.m. »…). */
  wording?: string;
  /** Exact euros the line stands for; absent for a participation pour mémoire. */
  amount?: string;
  range?: { min: string; max: string; central?: string };
  formula?: { unitAmount: string; quantity: number };
  /** How many units the line states (« 4 000 logements »), compared with the other lines of its operation. */
  count?: number;
  /** For rollups: the figures they add up. */
  parts?: string[];
  /** Declared rounding of a stated total (« M€ », « k€ », « € »). */
  rounding?: 'M€' | 'k€' | '€';
  /** The scale the line is stated at: « CALL », « Bassin Minier », « Région », « Union européenne », a QPV code. */
  scale: string;
  /** The years the line covers (« 2017-2018 » is a window, not its first year). */
  period: { fromYear: number; toYear: number };
  /** Whose money (a funder of the referential) and for whom (the project owner), when the line says. */
  funder?: string;
  beneficiary?: string;
  quartier?: string;
  operation?: string;
  /** The booking this line is, when it is one (role booking) — or the envelope (role envelope). */
  commitmentId?: string;
  envelopeId?: string;
  trace: BookingTrace;
}

/** What kind of dated step of the contract's life it is. */
export const GOVERNANCE_KINDS = [
  'periode',
  'deliberation',
  'signature',
  'avenant',
  'revoyure',
  'condition',
  'comite',
  'programmation',
] as const;
export type GovernanceKind = (typeof GOVERNANCE_KINDS)[number];

/**
 * A dated step of the contract's governance — its period's start and end, a deliberation, a signature, an avenant,
 * a clause de revoyure, a suspensive condition, a committee, the annual programming — with what it does to amounts
 * or statuses, whom it concerns, and where the document says so. Dates are windows: « fin 2015 » is October to
 * December 2015; a yearly committee recurs over its window.
 */
export interface GovernanceStepRecorded {
  stepId: string;
  kind: GovernanceKind;
  label: string;
  /** From and to, AAAA-MM-JJ (the same day for a dated act). */
  window: { from: string; to: string };
  recurrence?: 'annuelle' | 'semestrielle';
  /** As the document states it: done (« a été signée »), planned (« sera signé »), awaited (a condition). */
  status: 'realise' | 'prevu' | 'attendu';
  /** Its effect on amounts or statuses, in words. */
  effect: string;
  /** The funders it concerns; none: the whole contract. */
  funders: string[];
  /** What it moves, when the ledger holds it: a condition, document figures (a participation pour mémoire…). */
  conditionId?: string;
  figureIds?: string[];
  programme?: string;
  trace: BookingTrace;
}

/** A co-financing rule recorded (a new text, a new version of a cap): it applies from its date, never before. */
export interface CoFinancingRuleRecorded {
  rule: CoFinancingRule;
  trace: BookingTrace;
}

/**
 * A booking asked for by another service (a line of its `commitments.booking-requested`): who asked, for which
 * dossier and operation, at which version and step of its financing. `requestId` is the line's key (lineKey in
 * @cvl/contracts); version and step are absent from requests recorded before the booking protocol carried them.
 */
export interface BookingRequest {
  requestId: string;
  source: string;
  protocolId?: string;
  operationId?: string;
  version?: number;
  step?: string;
}

export interface CommitmentRecorded extends Bookings {
  commitmentId: string;
  request?: BookingRequest;
  funder: string;
  envelopeId?: string;
  status: Exclude<CommitmentStatus, 'lapsed'>;
  conditionId?: string;
  act?: LegalAct;
  amount: string;
  isPool: boolean;
  poolId?: string;
  fundingAccount: string;
  pendingTransferId?: string;
  attribution: CommitmentAttribution;
  stated?: StatedFigure;
  /** The years covered and the planned payments per year, in euros. */
  schedule?: { fromYear: number; toYear: number; planned: Array<{ year: number; amount: string }> };
}

export interface CommitmentMadeConditional {
  commitmentId: string;
  conditionId: string;
  trace: BookingTrace;
  commitmentIds: string[];
}

export interface CommitmentFirmed extends Bookings {
  commitmentId: string;
  act: LegalAct;
  before: string;
  amount: string;
}

export interface ConditionResolved extends Bookings {
  conditionId: string;
  outcome: 'met' | 'failed';
  act?: LegalAct;
  amounts: Record<string, string>;
  /**
   * Met: what each commitment becomes — firm when it cites its own act, indicative otherwise. Absent from events
   * recorded before it existed, when a condition met made every commitment firm on the condition's act.
   */
  statuses?: Record<string, 'firm' | 'indicative'>;
}

export interface CommitmentAmended extends Bookings {
  commitmentId: string;
  kind: 'avenant' | 'clause-de-revoyure' | 'correction';
  act?: LegalAct;
  before: string;
  after: string;
  pendingTransferId?: string;
}

export type PaymentKind = 'avance' | 'acompte' | 'solde';

export interface PaymentRecorded extends Bookings {
  commitmentId: string;
  paymentId: string;
  kind: PaymentKind;
  amount: string;
  serviceDoneDate?: string;
}

export interface CommitmentReleased extends Bookings {
  commitmentId: string;
  amount: string;
}

export interface PoolSplit extends Bookings {
  poolId: string;
  parts: Array<{
    commitmentId: string;
    funder: string;
    amount: string;
    fundingAccount: string;
    epci?: string;
    label?: string;
    pendingTransferId?: string;
  }>;
  poolPendingTransferId?: string;
  remaining: string;
}

/** A booking another service asked for, refused by the ledger: nothing was booked; the reason goes back. */
export interface BookingRequestRefused {
  request: BookingRequest;
  funder: string;
  amount: string;
  code: string;
  reason: string;
  trace: BookingTrace;
}

/** A later version of a requested line applied to the commitment an earlier version booked: never a second booking. */
export interface BookingRequestApplied {
  request: BookingRequest;
  funder: string;
  commitmentId: string;
  amount: string;
  change: 'firmed' | 'amended' | 'unchanged' | 'paid' | 'released';
  trace: BookingTrace;
  commitmentIds: string[];
}

export type CommitmentsEvent =
  | { type: 'commitments.reference-recorded'; data: ReferenceRecorded }
  | { type: 'commitments.envelope-opened'; data: EnvelopeOpened }
  | { type: 'commitments.condition-registered'; data: ConditionRegistered }
  | { type: 'commitments.commitment-recorded'; data: CommitmentRecorded }
  | { type: 'commitments.commitment-made-conditional'; data: CommitmentMadeConditional }
  | { type: 'commitments.commitment-firmed'; data: CommitmentFirmed }
  | { type: 'commitments.condition-resolved'; data: ConditionResolved }
  | { type: 'commitments.commitment-amended'; data: CommitmentAmended }
  | { type: 'commitments.payment-recorded'; data: PaymentRecorded }
  | { type: 'commitments.commitment-released'; data: CommitmentReleased }
  | { type: 'commitments.pool-split'; data: PoolSplit }
  | { type: 'commitments.booking-request-refused'; data: BookingRequestRefused }
  | { type: 'commitments.booking-request-applied'; data: BookingRequestApplied }
  | { type: 'commitments.operation-declared'; data: OperationDeclared }
  | { type: 'commitments.operation-referenced'; data: OperationReferenced }
  | { type: 'commitments.operation-revised'; data: OperationRevised }
  | { type: 'commitments.co-financing-rule-recorded'; data: CoFinancingRuleRecorded }
  | { type: 'commitments.document-figure-recorded'; data: DocumentFigureRecorded }
  | { type: 'commitments.governance-step-recorded'; data: GovernanceStepRecorded };

export type CommitmentsEventType = CommitmentsEvent['type'];

export const COMMITMENTS_EVENT_TYPES: CommitmentsEventType[] = [
  'commitments.reference-recorded',
  'commitments.envelope-opened',
  'commitments.condition-registered',
  'commitments.commitment-recorded',
  'commitments.commitment-made-conditional',
  'commitments.commitment-firmed',
  'commitments.condition-resolved',
  'commitments.commitment-amended',
  'commitments.payment-recorded',
  'commitments.commitment-released',
  'commitments.pool-split',
  'commitments.booking-request-refused',
  'commitments.booking-request-applied',
  'commitments.operation-declared',
  'commitments.operation-referenced',
  'commitments.operation-revised',
  'commitments.co-financing-rule-recorded',
  'commitments.document-figure-recorded',
  'commitments.governance-step-recorded',
];

export const SCHEMA_VERSION = 1;
