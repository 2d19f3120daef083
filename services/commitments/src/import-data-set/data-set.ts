import {
  DOCUMENT_FIGURE_ROLES,
  type DocumentFigureRole,
  type GovernanceKind,
  type ReferenceKind,
} from '../domain/events';

/**
 * A contract's data set, as finance teams write it (JSON, CSV or XLSX: one schema, data/README.md). Amounts here
 * are already read into decimal euro strings (« 110000000.00 »); the readers do that from each format.
 */
export interface DataSet {
  /** The source document the line numbers refer to. */
  document: string;
  /** Effective date of the contract's bookings unless a row says otherwise (AAAA-MM-JJ). */
  effectiveDate: string;
  /** The contract's period: the window of a figure whose line states none. */
  period?: { fromYear: number; toYear: number };
  references: ReferenceRow[];
  conditions: ConditionRow[];
  envelopes: EnvelopeRow[];
  /** The operations the bookings finance (the registry's identities); absent from older data sets. */
  operations?: OperationRow[];
  figures: FigureRow[];
  /** The contract's dated governance steps; absent from older data sets. */
  governance?: GovernanceRow[];
}

/** A dated step of the contract's governance (governance.csv): its window, status, effect, whom it concerns. */
export interface GovernanceRow extends Located {
  id: string;
  kind: GovernanceKind;
  label: string;
  from: string;
  to: string;
  recurrence?: 'annuelle' | 'semestrielle';
  status: 'realise' | 'prevu' | 'attendu';
  effect: string;
  funders?: string[];
  condition?: string;
  figures?: string[];
  programme?: string;
  line: number;
  section?: string;
}

export interface Located {
  /** Where the row came from, for error messages: file (or sheet) and row number. */
  origin?: { file: string; row: number };
}

export interface ReferenceRow extends Located {
  kind: ReferenceKind;
  code: string;
  name: string;
  parent?: string;
  attributes?: Record<string, string | string[]>;
  line?: number;
}

export interface ConditionRow extends Located {
  id: string;
  label: string;
  description: string;
  line: number;
}

export interface EnvelopeRow extends Located {
  id: string;
  funder: string;
  label: string;
  amount: string;
  programme?: string;
  year?: number;
  line: number;
  section?: string;
}

/**
 * An operation of the contract — the works or the programme its bookings finance — declared in the registry before
 * them, so that the co-financing caps see every funder of the same works, whichever line or programme books them.
 */
export interface OperationRow extends Located {
  id: string;
  label: string;
  /** The project owner, as a funder code of the referential (its own share is not aid). */
  projectOwner: string;
  quartiers?: string[];
  stake?: string;
  axis?: string;
  objective?: string;
  nature?: string;
  /** The eligible expense excluding VAT (exact euros), as the document states or implies it — the caps' base. */
  eligibleBase: string;
  eligibleBaseTtc?: string;
  start?: string;
  end?: string;
  references?: Array<{ system: string; reference: string }>;
  line: number;
  section?: string;
}

/** What a figure is in the document: only bookings and envelopes are counted; the rest is reconciled, not summed. */
export type FigureRole = DocumentFigureRole;
export const FIGURE_ROLES = DOCUMENT_FIGURE_ROLES;

export interface FigureRow extends Located {
  id: string;
  line: number;
  section: string;
  /** The figure exactly as the document writes it (« 64,5M€ », « 500 à 1 000 k€ »). */
  text: string;
  /** The document's own wording of its status: « démarche d'intention », « sollicité », « total arrondi », « p.m. »… */
  status?: string;
  role: FigureRole;
  /** Exact euros this row stands for (a booking's amount; a subtotal's stated value). */
  amount?: string;
  /** Unit cost × quantity, when the document computes it so. */
  formula?: { unitAmount: string; quantity: number };
  range?: { min: string; max: string; central?: string };
  /** How many units the line states (« Amélioration thermique de 4 000 logements »). */
  count?: number;
  /** For subtotals and totals: the ids of the rows they add up. */
  parts?: string[];
  /** Declared rounding of a stated total (« M€ »: to the million; « k€ »: to the thousand). */
  rounding?: 'M€' | 'k€' | '€';
  scale?: string;
  /** The years the line covers, when it says (else the contract's period). */
  period?: { fromYear: number; toYear: number };
  /** Whose money, where and for which operation, when the line says (a booking's are in its columns too). */
  funder?: string;
  quartier?: string;
  operation?: string;
  booking?: BookingColumns;
}

export interface BookingColumns {
  commitmentId: string;
  funder: string;
  status: 'indicative' | 'conditional' | 'firm';
  condition?: string;
  isPool?: boolean;
  quartier?: string;
  epci?: string;
  programme?: string;
  stake?: string;
  year: number;
  label: string;
  projectOwner?: string;
  /** The registry operation the booking finances (a row of `operations`). */
  operation?: string;
  /** The years the document says it covers (« 2017-2018 » stays a window; `year` is its first). */
  period?: { fromYear: number; toYear: number };
  /** The act, for firm bookings. */
  act?: { reference: string; date: string };
  effectiveDate?: string;
}

/** The reason code a booking gets from the document's own status wording. */
export function reasonFor(status: string | undefined, bookingStatus: BookingColumns['status']): string {
  const wording = (status ?? '').toLowerCase();
  if (bookingStatus === 'firm') return 'engagement-juridique';
  if (wording.includes('sollicit')) return 'sollicitation';
  if (wording.includes('intention')) return 'intention';
  if (wording.includes('prévisionnel') || wording.includes('previsionnel')) return 'previsionnel';
  return 'engagement-initial';
}
