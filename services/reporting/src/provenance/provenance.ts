import { toDecimalString } from '@cvl/money';
import { asJson, matches, type MatrixFilter } from '../co-financing-matrix/co-financing-matrix';
import { figuresOf, type ProjectedCommitment } from '../projection/commitment-projection';

export const PROVENANCE_FIGURES = ['indicative', 'conditional', 'firm', 'paid', 'outstanding'] as const;
export type ProvenanceFigure = (typeof PROVENANCE_FIGURES)[number];

/** Which figure is asked for, and of what: a cell of the matrix, an operation's card, an envelope. */
export interface ProvenanceFilter extends MatrixFilter {
  figure?: ProvenanceFigure;
  /** « source:programme:opération ». */
  operation?: string;
  envelope?: string;
}

/** The commitments booked for an operation (by the request that asked for them) or against an envelope. */
const bookedFor = (doc: ProjectedCommitment, operation?: string, envelope?: string) =>
  (!operation ||
    (doc.request !== undefined &&
      `${doc.request.source}:${doc.request.protocolId}:${doc.request.operationId}` === operation)) &&
  (!envelope || doc.envelopeId === envelope);

/**
 * Where a figure comes from: every commitment that makes it (a non-zero share of that figure), with its figures and
 * the events that made them — actor, dates, reason, source. The total is the figure the view showed.
 */
export function provenanceOf(docs: readonly ProjectedCommitment[], query: ProvenanceFilter) {
  const { figure = 'firm', operation, envelope, ...filter } = query;
  const contributing = docs
    .filter((doc) => matches(doc, filter) && bookedFor(doc, operation, envelope))
    .filter((doc) => figuresOf(doc)[figure] !== 0n);
  const total = contributing.reduce((sum, doc) => sum + figuresOf(doc)[figure], 0n);
  return {
    filter: { ...filter, ...(operation ? { operation } : {}), ...(envelope ? { envelope } : {}) },
    figure,
    total: toDecimalString(total),
    commitments: contributing.map((doc) => ({
      id: doc.id,
      funder: doc.funder,
      label: doc.attribution.label,
      status: doc.status,
      figures: asJson(figuresOf(doc)),
      events: doc.provenance,
    })),
  };
}

export type Provenance = ReturnType<typeof provenanceOf>;
