/* Generated from contracts/events/renewal-urban by `npm run contracts:types`: do not edit by hand. */

/**
 * The data of any event renewal-urban publishes (contracts/events/renewal-urban).
 */
export type RenewalUrbanEventData =
  | AmendmentSignedV1
  | EngagementCommitteeHeldV1
  | FinancingPlanApprovedV1
  | FinancingPlanSetV1
  | FunderLineBookingRecordedV1
  | NpnruQuartierListedV1
  | OperationAddedV1
  | OperationRevisedV1
  | OperationWithdrawnV1
  | PartyAddedV1
  | ProtocolDraftedV1
  | ProtocolSignedV1
  | ProtocolSubmittedV1
  | PurchasingGroupFormedV1;
export type Code = string;
export type CalendarDate = string;
export type Nature =
  | 'etude'
  | 'conduite-de-projet'
  | 'expertise'
  | 'participation-des-habitants'
  | 'demolition'
  | 'reconstitution'
  | 'rehabilitation'
  | 'residentialisation'
  | 'amenagement'
  | 'equipement'
  | 'relogement';
export type Amount = string;

/**
 * renewal-urban.amendment-signed v1 — an avenant signed: a new version of the financial table
 */
export interface AmendmentSignedV1 {
  protocolId: Code;
  number: number;
  act: Act;
  version: number;
  table: TableRow[];
  trace: Trace;
}
export interface Act {
  reference: string;
  date: CalendarDate;
}
export interface TableRow {
  quartier: string;
  operationId: string;
  operationLabel: string;
  nature: Nature;
  eligibleBase: Amount;
  funder: string;
  amount: Amount;
  rateBasisPoints: number;
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
/**
 * renewal-urban.engagement-committee-held v1 — ANRU's comité d'engagement
 */
export interface EngagementCommitteeHeldV1 {
  protocolId: Code;
  date: CalendarDate;
  trace: Trace;
}
/**
 * renewal-urban.financing-plan-approved v1 — a plan approved: the ledger is asked to book each line
 */
export interface FinancingPlanApprovedV1 {
  protocolId: Code;
  operationId: Code;
  planVersion: number;
  bookingStatus: 'indicative' | 'firm';
  act?: Act;
  quartier: string;
  label: string;
  /**
   * @minItems 1
   */
  lines: {
    funder: Code;
    amount: Amount;
    rateBasisPoints: number;
    requestId: string;
  }[];
  /**
   * the works as the ledger's registry knows them
   */
  operation?: {
    id: Code;
    projectOwner: Code;
    nature: string;
    eligibleBase: Amount;
    start: CalendarDate;
    end: CalendarDate;
  };
  stake?: Code;
  objective?: Code;
  trace: Trace;
}
/**
 * renewal-urban.financing-plan-set v1 — an operation's financing plan
 */
export interface FinancingPlanSetV1 {
  protocolId: Code;
  operationId: Code;
  /**
   * @minItems 1
   */
  lines: PlanLine[];
  groupShare?: Amount;
  trace: Trace;
}
export interface PlanLine {
  funder: Code;
  amount: Amount;
  rateBasisPoints: number;
}
/**
 * renewal-urban.funder-line-booking-recorded v1 — the ledger's answer to a plan line: booked or refused
 */
export interface FunderLineBookingRecordedV1 {
  protocolId: Code;
  operationId: Code;
  funder: Code;
  requestId: string;
  planVersion: number;
  outcome: 'booked' | 'refused';
  commitmentId?: string;
  reason?: string;
  code?: string;
  trace: Trace;
  /**
   * « retrait » when the answer is to a withdrawal's release, not to the plan's booking
   */
  step?: string;
  amount?: Amount;
}
/**
 * renewal-urban.npnru-quartier-listed v1 — a quartier on ANRU's list of the NPNRU, with its national or regional interest
 */
export interface NpnruQuartierListedV1 {
  code: string;
  name: string;
  interest: 'national' | 'regional';
  trace: Trace;
}
/**
 * renewal-urban.operation-added v1 — an operation of the protocol
 */
export interface OperationAddedV1 {
  protocolId: Code;
  operationId: Code;
  label: string;
  nature: Nature;
  projectOwner: Code;
  quartier: string;
  eligibleBase: Amount;
  start: CalendarDate;
  end: CalendarDate;
  costsFrom: CalendarDate;
  boughtByGroup: boolean;
  trace: Trace;
  registryOperation?: Code;
}
/**
 * renewal-urban.operation-revised v1 — an operation's calendar or eligible base revised (by avenant once signed)
 */
export interface OperationRevisedV1 {
  protocolId: Code;
  operationId: Code;
  start?: CalendarDate;
  end?: CalendarDate;
  eligibleBase?: Amount;
  /**
   * a new base clears the plan, which added up to the old one: a new plan is set, then approved
   */
  planCleared: boolean;
  act?: Act;
  trace: Trace;
}
/**
 * renewal-urban.operation-withdrawn v1 — an operation withdrawn from the protocol (by avenant once signed); what the ledger booked for it is asked back
 */
export interface OperationWithdrawnV1 {
  protocolId: Code;
  operationId: Code;
  act?: Act;
  /**
   * the plan version whose lines the ledger booked
   */
  planVersion?: number;
  /**
   * each booked line, released whole
   *
   * @maxItems 100
   */
  released: {
    funder: Code;
    amount: Amount;
  }[];
  trace: Trace;
}
/**
 * renewal-urban.party-added v1 — a party joins the protocol (by avenant once signed)
 */
export interface PartyAddedV1 {
  protocolId: Code;
  party: {
    code: Code;
    role: string;
    /**
     * the name people read
     */
    name?: string;
  };
  act?: Act;
  trace: Trace;
}
/**
 * renewal-urban.protocol-drafted v1 — the préfiguration protocol opened
 */
export interface ProtocolDraftedV1 {
  protocolId: Code;
  label: string;
  /**
   * @minItems 1
   */
  quartiers: {
    code: string;
    interest: 'national' | 'regional';
    /**
     * the name people read
     */
    name?: string;
  }[];
  parties: {
    code: Code;
    role: string;
    /**
     * the name people read
     */
    name?: string;
  }[];
  stake?: Code;
  objective?: Code;
  trace: Trace;
}
/**
 * renewal-urban.protocol-signed v1 — the protocol signed: version 1 of its financial table
 */
export interface ProtocolSignedV1 {
  protocolId: Code;
  act: Act;
  version: 1;
  table: TableRow[];
  trace: Trace;
}
/**
 * renewal-urban.protocol-submitted v1 — the protocol submitted
 */
export interface ProtocolSubmittedV1 {
  protocolId: Code;
  trace: Trace;
}
/**
 * renewal-urban.purchasing-group-formed v1 — the groupement de commandes and its cost-sharing key
 */
export interface PurchasingGroupFormedV1 {
  protocolId: Code;
  /**
   * @minItems 2
   */
  members: {
    code: Code;
    weight?: number;
  }[];
  trace: Trace;
}

/** Each event type renewal-urban publishes, with its data (any version the contract holds). */
export interface RenewalUrbanEvents {
  'renewal-urban.amendment-signed': AmendmentSignedV1;
  'renewal-urban.engagement-committee-held': EngagementCommitteeHeldV1;
  'renewal-urban.financing-plan-approved': FinancingPlanApprovedV1;
  'renewal-urban.financing-plan-set': FinancingPlanSetV1;
  'renewal-urban.funder-line-booking-recorded': FunderLineBookingRecordedV1;
  'renewal-urban.npnru-quartier-listed': NpnruQuartierListedV1;
  'renewal-urban.operation-added': OperationAddedV1;
  'renewal-urban.operation-revised': OperationRevisedV1;
  'renewal-urban.operation-withdrawn': OperationWithdrawnV1;
  'renewal-urban.party-added': PartyAddedV1;
  'renewal-urban.protocol-drafted': ProtocolDraftedV1;
  'renewal-urban.protocol-signed': ProtocolSignedV1;
  'renewal-urban.protocol-submitted': ProtocolSubmittedV1;
  'renewal-urban.purchasing-group-formed': PurchasingGroupFormedV1;
}

/** An event of renewal-urban as a consumer reads it once its edge has checked it: its type tells its data. */
export type RenewalUrbanEvent = {
  [T in keyof RenewalUrbanEvents]: { type: T; data: RenewalUrbanEvents[T] };
}[keyof RenewalUrbanEvents];
