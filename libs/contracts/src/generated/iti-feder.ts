/* Generated from contracts/events/iti-feder by `npm run contracts:types`: do not edit by hand. */

/**
 * The data of any event iti-feder publishes (contracts/events/iti-feder).
 */
export type ItiFederEventData =
  | ApplicationAppraisedV1
  | ApplicationCompletedV1
  | ApplicationReceivedV1
  | BookingAnsweredV1
  | CoFunderCommittedV1
  | EnvelopeSetV1
  | GrantAgreedV1
  | OperationProgrammedV1
  | PaymentClaimedV1
  | PaymentMadeV1
  | ServiceDoneCheckedV1
  | StrategyAdoptedV1
  | UnusedReleasedV1;
export type Code = string;
export type CalendarDate = string;
export type Amount = string;

/**
 * iti-feder.application-appraised v1 — the appraisal: each rule checked, per dwelling; a failing dwelling is excluded and the rest proceeds
 */
export interface ApplicationAppraisedV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
  eligible: boolean;
  checks: Check[];
  /**
   * the dwellings excluded, each with the rule it failed
   *
   * @maxItems 10000
   */
  excluded?: {
    dwelling: string;
    reason: string;
  }[];
  /**
   * what proceeds once the failing dwellings are excluded: the eligible cost of the dwellings kept, and each line's aid in the same proportion (rounded down to the cent)
   */
  retained?: {
    dwellings: number;
    of: number;
    /**
     * dwelling-costs: the excluded dwellings' own costs are taken off; pro-rata: the cost is cut in proportion to the dwellings kept (the application gave no cost per dwelling)
     */
    basis: 'dwelling-costs' | 'pro-rata';
    eligibleCost: Amount;
    feder: Amount;
    coFunders: Line[];
  };
}
export interface Trace {
  actor: Actor;
  effectiveDate: CalendarDate;
  recordedAt: string;
  memo?: string;
  source: {
    kind: 'act' | 'document';
  };
}
/**
 * Who acted: the authenticated principal as it was then (its roles at that time). Events recorded before 2026-12 carry « subject@organisation » as a string.
 */
export interface Actor {
  subject: string;
  organisation: string;
  roles: string[];
}
export interface Check {
  rule: string;
  passed: boolean;
  explanation: string;
}
export interface Line {
  funder: Code;
  amount: Amount;
  envelope?: Code;
}
/**
 * iti-feder.application-completed v1 — the file declared complete
 */
export interface ApplicationCompletedV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
}
/**
 * iti-feder.application-received v1 — an application
 */
export interface ApplicationReceivedV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
  label: string;
  beneficiary: Code;
  quartier: string;
  axis: number;
  priority: string;
  eligibleCost: Amount;
  feder: Amount;
  coFunders: Line[];
  dwellings: Dwelling[];
  tranche: number;
  registryOperation?: Code;
}
export interface Dwelling {
  id: string;
  classBefore: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';
  consumptionAfter: number;
  eligibleCost?: Amount;
}
/**
 * iti-feder.booking-answered v1 — the ledger's answer to a line
 */
export interface BookingAnsweredV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
  funder: Code;
  requestId: string;
  outcome: 'booked' | 'refused';
  amount?: Amount;
  reason?: string;
}
/**
 * iti-feder.co-funder-committed v1 — a co-funder commits by its own act: its line becomes firm in the ledger
 */
export interface CoFunderCommittedV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
  funder: Code;
  amount: Amount;
  act: Act;
  requestId: string;
}
export interface Act {
  reference: string;
  date: CalendarDate;
}
/**
 * iti-feder.envelope-set v1 — the envelope by axis, a new version at each avenant
 */
export interface EnvelopeSetV1 {
  programmeId: Code;
  trace: Trace;
  version: number;
  act?: Act;
  /**
   * @minItems 1
   */
  axes: Axis[];
}
export interface Axis {
  axis: number;
  label: string;
  amount: Amount;
  callShare?: Amount;
  priorities: string[];
}
/**
 * iti-feder.grant-agreed v1 — the FEDER's convention attributive (its legal commitment): the FEDER line becomes firm; each co-funder commits by its own act
 */
export interface GrantAgreedV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
  act: Act;
  /**
   * @minItems 1
   */
  lines: RequestedLine[];
}
export interface RequestedLine {
  funder: Code;
  amount: Amount;
  requestId: string;
  envelope?: Code;
}
/**
 * iti-feder.operation-programmed v1 — programmed by the committee: the ledger books every line
 */
export interface OperationProgrammedV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
  committeeDate: CalendarDate;
  axis: number;
  feder: Amount;
  label: string;
  quartier: string;
  /**
   * @minItems 1
   */
  lines: RequestedLine[];
  /**
   * the works as the ledger's registry knows them
   */
  operation?: {
    id: Code;
    projectOwner: Code;
    eligibleBase: Amount;
  };
}
/**
 * iti-feder.payment-claimed v1 — a payment claim with its expenses
 */
export interface PaymentClaimedV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
  claimId: Code;
  expenses: Amount;
  final: boolean;
}
/**
 * iti-feder.payment-made v1 — a FEDER payment: the ledger records it
 */
export interface PaymentMadeV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
  claimId: Code;
  amount: Amount;
  requestId: string;
  kind: 'acompte' | 'solde';
  serviceDoneDate: CalendarDate;
}
/**
 * iti-feder.service-done-checked v1 — the contrôle de service fait
 */
export interface ServiceDoneCheckedV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
  claimId: Code;
  acceptedExpenses: Amount;
  payableFeder: Amount;
  publicAid: Amount;
}
/**
 * iti-feder.strategy-adopted v1 — the axes the ITI strategy combines
 */
export interface StrategyAdoptedV1 {
  programmeId: Code;
  trace: Trace;
  /**
   * @minItems 2
   */
  axes: number[];
}
/**
 * iti-feder.unused-released v1 — the unused FEDER released: the ledger releases it
 */
export interface UnusedReleasedV1 {
  programmeId: Code;
  trace: Trace;
  operationId: Code;
  amount: Amount;
  requestId: string;
}

/** Each event type iti-feder publishes, with its data (any version the contract holds). */
export interface ItiFederEvents {
  'iti-feder.application-appraised': ApplicationAppraisedV1;
  'iti-feder.application-completed': ApplicationCompletedV1;
  'iti-feder.application-received': ApplicationReceivedV1;
  'iti-feder.booking-answered': BookingAnsweredV1;
  'iti-feder.co-funder-committed': CoFunderCommittedV1;
  'iti-feder.envelope-set': EnvelopeSetV1;
  'iti-feder.grant-agreed': GrantAgreedV1;
  'iti-feder.operation-programmed': OperationProgrammedV1;
  'iti-feder.payment-claimed': PaymentClaimedV1;
  'iti-feder.payment-made': PaymentMadeV1;
  'iti-feder.service-done-checked': ServiceDoneCheckedV1;
  'iti-feder.strategy-adopted': StrategyAdoptedV1;
  'iti-feder.unused-released': UnusedReleasedV1;
}

/** An event of iti-feder as a consumer reads it once its edge has checked it: its type tells its data. */
export type ItiFederEvent = { [T in keyof ItiFederEvents]: { type: T; data: ItiFederEvents[T] } }[keyof ItiFederEvents];
