/* Generated from contracts/events/commitments by `npm run contracts:types`: do not edit by hand. */

/**
 * The data of any event commitments publishes (contracts/events/commitments).
 */
export type CommitmentsEventData =
  | BookingAnsweredV1
  | BookingRequestAppliedV1
  | BookingRequestRefusedV1
  | BookingRequestedV1
  | CoFinancingRuleRecordedV1
  | CommitmentAmendedV1
  | CommitmentFirmedV1
  | CommitmentMadeConditionalV1
  | CommitmentRecordedV1
  | CommitmentReleasedV1
  | ConditionRegisteredV1
  | ConditionResolvedV1
  | DocumentFigureRecordedV1
  | EnvelopeOpenedV1
  | GovernanceStepRecordedV1
  | OperationDeclaredV1
  | OperationReferencedV1
  | OperationRevisedV1
  | PaymentRecordedV1
  | PoolSplitV1
  | ReferenceRecordedV1;
export type Code = string;
/**
 * euros, two decimals
 */
export type Amount = string;
export type CalendarDate = string;
export type Source =
  | {
      kind: 'act';
      reference: string;
      date?: CalendarDate;
    }
  | {
      kind: 'document';
      document: string;
      line: number;
      section?: string;
    };
export type CommitmentIds = string[];

/**
 * commitments.booking-answered v1 — what the ledger answered for one line of a programme's request
 */
export interface BookingAnsweredV1 {
  request: BookingKey;
  funder: Code;
  amount: Amount;
  outcome: 'booked' | 'refused';
  commitmentId?: Code;
  change?: 'recorded' | 'firmed' | 'amended' | 'unchanged' | 'paid' | 'released';
  refusal?: {
    code: Code;
    reason: string;
  };
  trace: BookingTrace;
}
/**
 * Which request of which programme: the programme (source), its dossier, the operation, the version of its financing and the step that asks. The ledger reads it, never parses it.
 */
export interface BookingKey {
  /**
   * The asking service; its answers come back on commitments.booking-answers.<source>.v1.
   */
  source: string;
  programme: Code;
  operation: Code;
  /**
   * The version of the operation's financing this request carries.
   */
  version: number;
  /**
   * The programme's step (approbation, programmation, convention, paiement-<demande>, degagement).
   */
  step: string;
}
/**
 * When and on what basis the programme asks; who asks is the message's actor.
 */
export interface BookingTrace {
  effectiveDate: CalendarDate;
  source: Source;
  memo?: string;
}
/**
 * commitments.booking-request-applied v1 — a later version of a requested line applied to the commitment the first version booked
 */
export interface BookingRequestAppliedV1 {
  request: Request;
  funder: Code;
  commitmentId: Code;
  amount: Amount;
  change: 'firmed' | 'amended' | 'unchanged' | 'paid' | 'released';
  trace: Trace;
  commitmentIds: CommitmentIds;
}
export interface Request {
  requestId: string;
  source: string;
  protocolId?: string;
  operationId?: string;
  version?: number;
  step?: string;
}
export interface Trace {
  actor: Actor;
  reasonCode: string;
  memo?: string;
  effectiveDate: CalendarDate;
  recordedAt: string;
  source: Source;
}
/**
 * Who acted: the authenticated principal as it was then (its roles at that time). Events recorded before 2026-12 carry « subject@organisation » as a string.
 */
export interface Actor {
  subject: string;
  organisation: string;
  roles: string[];
}
/**
 * commitments.booking-request-refused v1 — a booking another service asked for, refused by the ledger
 */
export interface BookingRequestRefusedV1 {
  request: Request;
  funder: Code;
  amount: Amount;
  code: string;
  reason: string;
  trace: Trace;
}
/**
 * commitments.booking-requested v1 — a programme asks the ledger to book its lines, pay or release
 */
export interface BookingRequestedV1 {
  request: BookingKey;
  /**
   * commitment: book each line (indicative or firm), or apply a later version to what an earlier one booked; payment and release: on the commitment the programme's lines booked.
   */
  movement: 'commitment' | 'payment' | 'release';
  attribution?: {
    label: string;
    quartier?: Code;
    programme?: Code;
    stake?: Code;
    objective?: Code;
  };
  /**
   * The operation of the ledger's registry the lines finance: declared there by the first request that names it, referenced by the next programmes. Its aid, from every programme and funder, counts against its co-financing caps.
   */
  operation?: {
    id: Code;
    label: string;
    projectOwner: Code;
    quartier?: string;
    nature?: string;
    eligibleBase: Amount;
    start?: CalendarDate;
    end?: CalendarDate;
  };
  /**
   * @minItems 1
   * @maxItems 100
   */
  lines: {
    funder: Code;
    /**
     * euros, two decimals, not negative
     */
    amount: string;
    status?: 'indicative' | 'firm';
    act?: Act;
    envelope?: Code;
  }[];
  payment?: {
    kind: 'avance' | 'acompte' | 'solde';
    serviceDoneDate: CalendarDate;
  };
  trace: BookingTrace;
}
export interface Act {
  reference: string;
  date: CalendarDate;
}
/**
 * commitments.co-financing-rule-recorded v1 — a co-financing cap recorded, in force from its date
 */
export interface CoFinancingRuleRecordedV1 {
  rule: {
    id: Code;
    from: CalendarDate;
    to?: CalendarDate;
    label: string;
    source: string;
    bounds: 'all-aid' | 'public-aid' | 'funder';
    funder?: Code;
    maxRateBasisPoints: number;
    when?: {
      anyFunderCategory?: string[];
      ownerCategory?: string[];
      natures?: string[];
    };
    exceptions?: string;
  };
  trace: Trace;
}
/**
 * commitments.commitment-amended v1 — a commitment amended by a new booking (avenant, clause de revoyure, correction)
 */
export interface CommitmentAmendedV1 {
  trace: Trace;
  commitmentIds: CommitmentIds;
  commitmentId: Code;
  kind: 'avenant' | 'clause-de-revoyure' | 'correction';
  act?: Act;
  before: Amount;
  after: Amount;
}
/**
 * commitments.commitment-firmed v1 — an intention made firm by its legal act
 */
export interface CommitmentFirmedV1 {
  trace: Trace;
  commitmentIds: CommitmentIds;
  commitmentId: Code;
  act: Act;
  before: Amount;
  amount: Amount;
}
/**
 * commitments.commitment-made-conditional v1 — an intention made conditional on a named condition
 */
export interface CommitmentMadeConditionalV1 {
  commitmentId: Code;
  conditionId: Code;
  trace: Trace;
  commitmentIds: CommitmentIds;
}
/**
 * commitments.commitment-recorded v1 — a commitment recorded: indicative, conditional or firm
 */
export interface CommitmentRecordedV1 {
  trace: Trace;
  commitmentIds: CommitmentIds;
  commitmentId: Code;
  funder: Code;
  envelopeId?: Code;
  status: 'indicative' | 'conditional' | 'firm';
  conditionId?: Code;
  act?: Act;
  amount: Amount;
  isPool: boolean;
  poolId?: Code;
  attribution: Attribution;
  stated?: Stated;
  request?: Request;
  /**
   * the years the commitment covers (a window stays a window) and its planned payments per year
   */
  schedule?: {
    fromYear: number;
    toYear: number;
    /**
     * @maxItems 100
     */
    planned: {
      year: number;
      amount: Amount;
    }[];
  };
}
export interface Attribution {
  label: string;
  projectOwner?: string;
  programme?: string;
  quartier?: string;
  epci?: string;
  stake?: string;
  axis?: string;
  objective?: string;
  year: number;
  scale: string;
  /**
   * the operation of the registry the commitment finances
   */
  operation?: string;
}
export interface Stated {
  text: string;
  amount?: Amount;
  range?: {
    min: Amount;
    max: Amount;
    central?: Amount;
  };
  formula?:
    | {
        kind: 'product';
        unitAmount: Amount;
        quantity: number;
      }
    | {
        kind: 'share';
        baseAmount: Amount;
        rateBasisPoints: number;
      };
}
/**
 * commitments.commitment-released v1 — what a commitment will not use, released (dégagement)
 */
export interface CommitmentReleasedV1 {
  trace: Trace;
  commitmentIds: CommitmentIds;
  commitmentId: Code;
  amount: Amount;
}
/**
 * commitments.condition-registered v1 — a suspensive condition registered
 */
export interface ConditionRegisteredV1 {
  conditionId: Code;
  label: string;
  description: string;
  trace: Trace;
}
/**
 * commitments.condition-resolved v1 — a condition met (its commitments firm) or failed (they lapse)
 */
export interface ConditionResolvedV1 {
  trace: Trace;
  commitmentIds: CommitmentIds;
  conditionId: Code;
  outcome: 'met' | 'failed';
  act?: Act;
  amounts: {
    [k: string]: Amount;
  };
  /**
   * met: what each commitment becomes — firm when it cites its own act, indicative otherwise (absent from older events: every one firm)
   */
  statuses?: {
    [k: string]: 'firm' | 'indicative';
  };
}
/**
 * commitments.document-figure-recorded v1 — a money line of the source document, recorded with its role, status, scale, period and line
 */
export interface DocumentFigureRecordedV1 {
  figureId: Code;
  role:
    | 'booking'
    | 'envelope'
    | 'subtotal'
    | 'total'
    | 'product'
    | 'unit-cost'
    | 'threshold'
    | 'history'
    | 'context'
    | 'pour-memoire';
  text: string;
  wording?: string;
  amount?: Amount;
  range?: {
    min: Amount;
    max: Amount;
    central?: Amount;
  };
  formula?: {
    unitAmount: Amount;
    quantity: number;
  };
  count?: number;
  parts?: Code[];
  rounding?: 'M€' | 'k€' | '€';
  scale: string;
  period: {
    fromYear: number;
    toYear: number;
  };
  funder?: Code;
  beneficiary?: Code;
  quartier?: Code;
  operation?: Code;
  commitmentId?: Code;
  envelopeId?: Code;
  trace: Trace;
}
/**
 * commitments.envelope-opened v1 — an envelope opened (caps the commitments against it)
 */
export interface EnvelopeOpenedV1 {
  trace: Trace;
  commitmentIds: CommitmentIds;
  envelopeId: Code;
  funder: Code;
  label: string;
  amount: Amount;
  programme?: Code;
  year?: number;
}
/**
 * commitments.governance-step-recorded v1 — a dated step of the contract's governance (period, deliberation, signature, avenant, revoyure, condition, committee, programming) and its effect
 */
export interface GovernanceStepRecordedV1 {
  stepId: Code;
  kind: 'periode' | 'deliberation' | 'signature' | 'avenant' | 'revoyure' | 'condition' | 'comite' | 'programmation';
  label: string;
  window: {
    from: string;
    to: string;
  };
  recurrence?: 'annuelle' | 'semestrielle';
  status: 'realise' | 'prevu' | 'attendu';
  effect: string;
  funders: Code[];
  conditionId?: Code;
  figureIds?: Code[];
  programme?: Code;
  trace: Trace;
}
/**
 * commitments.operation-declared v1 — an operation declared in the registry (one identity across programmes and funders)
 */
export interface OperationDeclaredV1 {
  operationId: Code;
  label: string;
  projectOwner: Code;
  /**
   * @maxItems 20
   */
  quartiers: string[];
  stake?: Code;
  axis?: Code;
  objective?: Code;
  nature?: string;
  eligibleBase: Amount;
  eligibleBaseTtc?: Amount;
  start?: CalendarDate;
  end?: CalendarDate;
  /**
   * @maxItems 20
   */
  references: {
    system: string;
    reference: string;
  }[];
  trace: Trace;
}
/**
 * commitments.operation-referenced v1 — a programme or a funder system that knows an operation of the registry
 */
export interface OperationReferencedV1 {
  operationId: Code;
  reference: {
    system: string;
    reference: string;
  };
  trace: Trace;
}
/**
 * commitments.operation-revised v1 — an operation's base or calendar revised by the system that declared it
 */
export interface OperationRevisedV1 {
  operationId: Code;
  eligibleBase?: Amount;
  start?: CalendarDate;
  end?: CalendarDate;
  /**
   * the declaring system's reference (the operation's first)
   */
  by: {
    system: string;
    reference: string;
  };
  trace: Trace;
}
/**
 * commitments.payment-recorded v1 — a payment of a firm commitment
 */
export interface PaymentRecordedV1 {
  trace: Trace;
  commitmentIds: CommitmentIds;
  commitmentId: Code;
  paymentId: Code;
  kind: 'avance' | 'acompte' | 'solde';
  amount: Amount;
  serviceDoneDate?: CalendarDate;
}
/**
 * commitments.pool-split v1 — a pool split into parts by EPCI or funder
 */
export interface PoolSplitV1 {
  trace: Trace;
  commitmentIds: CommitmentIds;
  poolId: Code;
  /**
   * @minItems 1
   */
  parts: {
    commitmentId: Code;
    funder: Code;
    amount: Amount;
    epci?: Code;
    label?: string;
  }[];
  poolPendingTransferId?: string;
  remaining: Amount;
}
/**
 * commitments.reference-recorded v1 — an item of the reference data recorded or updated
 */
export interface ReferenceRecordedV1 {
  kind: 'funder' | 'epci' | 'quartier' | 'programme' | 'stake' | 'axis' | 'objective' | 'organisation';
  code: Code;
  name: string;
  attributes: {
    [k: string]: string | string[];
  };
  parent?: Code;
  trace: Trace;
}

/** Each event type commitments publishes, with its data (any version the contract holds). */
export interface CommitmentsEvents {
  'commitments.booking-answered': BookingAnsweredV1;
  'commitments.booking-request-applied': BookingRequestAppliedV1;
  'commitments.booking-request-refused': BookingRequestRefusedV1;
  'commitments.booking-requested': BookingRequestedV1;
  'commitments.co-financing-rule-recorded': CoFinancingRuleRecordedV1;
  'commitments.commitment-amended': CommitmentAmendedV1;
  'commitments.commitment-firmed': CommitmentFirmedV1;
  'commitments.commitment-made-conditional': CommitmentMadeConditionalV1;
  'commitments.commitment-recorded': CommitmentRecordedV1;
  'commitments.commitment-released': CommitmentReleasedV1;
  'commitments.condition-registered': ConditionRegisteredV1;
  'commitments.condition-resolved': ConditionResolvedV1;
  'commitments.document-figure-recorded': DocumentFigureRecordedV1;
  'commitments.envelope-opened': EnvelopeOpenedV1;
  'commitments.governance-step-recorded': GovernanceStepRecordedV1;
  'commitments.operation-declared': OperationDeclaredV1;
  'commitments.operation-referenced': OperationReferencedV1;
  'commitments.operation-revised': OperationRevisedV1;
  'commitments.payment-recorded': PaymentRecordedV1;
  'commitments.pool-split': PoolSplitV1;
  'commitments.reference-recorded': ReferenceRecordedV1;
}

/** An event of commitments as a consumer reads it once its edge has checked it: its type tells its data. */
export type CommitmentsEvent = {
  [T in keyof CommitmentsEvents]: { type: T; data: CommitmentsEvents[T] };
}[keyof CommitmentsEvents];
