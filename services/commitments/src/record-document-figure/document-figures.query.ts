import { QueryHandler } from '@nestjs/cqrs';
import { toDecimalString } from '@cvl/money';
import { paginate, type Access, type Page, type PageQuery } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { DocumentFigureRecorded, DocumentFigureRole } from '../domain/events';
import { referenceKey, type CommitmentsState } from '../domain/state';
import { documentLine } from '../domain/trace';

/** What each role of a line means for the money, as people read it. */
export const FIGURE_ROLE_LABELS: Record<DocumentFigureRole, string> = {
  booking: 'engagement inscrit au grand livre',
  envelope: 'enveloppe inscrite au grand livre',
  subtotal: 'sous-total d’autres lignes (non compté)',
  total: 'total d’autres lignes (non compté)',
  product: 'produit coût unitaire × quantité (non compté)',
  'unit-cost': 'coût unitaire (non compté)',
  threshold: 'seuil ou taux d’une règle (paramètre)',
  history: 'financement antérieur au contrat (historique, non compté)',
  context: 'contexte (non compté)',
  'pour-memoire': 'participation pour mémoire (sans montant, jamais additionnée)',
};

/** The status of a line once normalised: a booked line takes its commitment's status in the ledger now. */
const STATUS_LABELS: Record<string, string> = {
  indicative: 'indicatif',
  conditional: 'conditionnel',
  firm: 'ferme',
  lapsed: 'caduc',
  envelope: 'enveloppe',
  'pour-memoire': 'pour mémoire',
  history: 'historique',
  parameter: 'paramètre',
  rollup: 'récapitulatif',
  information: 'information',
};

function normalisedStatus(figure: DocumentFigureRecorded, state: CommitmentsState): string {
  switch (figure.role) {
    case 'booking':
      return state.commitments.get(figure.commitmentId as string)?.status ?? 'indicative';
    case 'envelope':
      return 'envelope';
    case 'pour-memoire':
      return 'pour-memoire';
    case 'history':
      return 'history';
    case 'threshold':
      return 'parameter';
    case 'context':
      return 'information';
    default:
      return 'rollup';
  }
}

/** A line as the API serves it: the figure, its status now, its names, and where it comes from. */
export function documentFigureView(figure: DocumentFigureRecorded, state: CommitmentsState) {
  const status = normalisedStatus(figure, state);
  const commitment = figure.commitmentId ? state.commitments.get(figure.commitmentId) : undefined;
  const envelope = figure.envelopeId ? state.envelopes.get(figure.envelopeId) : undefined;
  const named = (kind: 'funder' | 'quartier', code: string | undefined) =>
    code ? { code, name: state.references.get(referenceKey(kind, code))?.name ?? code } : undefined;
  const source = figure.trace.source;
  return {
    figureId: figure.figureId,
    text: figure.text,
    role: figure.role,
    roleLabel: FIGURE_ROLE_LABELS[figure.role],
    ...(figure.wording ? { wording: figure.wording } : {}),
    status,
    statusLabel: STATUS_LABELS[status],
    counted: figure.role === 'booking' || figure.role === 'envelope',
    ...(figure.amount !== undefined ? { amount: figure.amount } : {}),
    ...(figure.range ? { range: figure.range } : {}),
    ...(figure.formula ? { formula: figure.formula } : {}),
    ...(figure.count !== undefined ? { count: figure.count } : {}),
    ...(figure.parts ? { parts: figure.parts } : {}),
    ...(figure.rounding ? { rounding: figure.rounding } : {}),
    scale: figure.scale,
    period: figure.period,
    ...(figure.funder ? { funder: named('funder', figure.funder) } : {}),
    ...(figure.beneficiary ? { beneficiary: named('funder', figure.beneficiary) } : {}),
    ...(figure.quartier ? { quartier: named('quartier', figure.quartier) } : {}),
    ...(figure.operation ? { operation: figure.operation } : {}),
    ...(commitment
      ? {
          commitment: {
            commitmentId: commitment.id,
            status: commitment.status,
            amount: toDecimalString(commitment.amountCents),
          },
        }
      : {}),
    ...(envelope ? { envelope: { envelopeId: envelope.id, amount: toDecimalString(envelope.amountCents) } } : {}),
    provenance: {
      ...(source.kind === 'document'
        ? { document: source.document, line: source.line, ...(source.section ? { section: source.section } : {}) }
        : {}),
      actor: figure.trace.actor,
      effectiveDate: figure.trace.effectiveDate,
      recordedAt: figure.trace.recordedAt,
    },
  };
}

export type DocumentFigureView = ReturnType<typeof documentFigureView>;

export interface DocumentFiguresFilter {
  line?: number;
  role?: DocumentFigureRole;
  funder?: string;
}

/** The line a figure cites (every figure cites one: the decider refuses any other source). */
export const lineOf = (figure: DocumentFigureRecorded): number => documentLine(figure.trace).line;

/**
 * The document's lines are public, but who pays what is not: a financeur sees the lines that name no funder and its
 * own; a project owner those that name no funder and those it benefits from; the contract's team and auditors all.
 */
export function seesFigure(access: Access, figure: DocumentFigureRecorded, state: CommitmentsState): boolean {
  if (access.all) return true;
  const funder =
    figure.funder ?? (figure.commitmentId ? state.commitments.get(figure.commitmentId)?.funder : undefined);
  if (funder === undefined || funder === access.organisation) return true;
  return access.mayActFor('maitre-ouvrage', figure.beneficiary);
}

export class DocumentFiguresQuery extends LedgerQuery<
  'document-figures',
  { access: Access; filter: DocumentFiguresFilter; page: PageQuery },
  Page<DocumentFigureView>
> {
  readonly type = 'document-figures';
}

/** The document's money lines, in document order, with provenance — filtered by line, role or funder. */
@QueryHandler(DocumentFiguresQuery)
export class DocumentFiguresQueryHandler extends LedgerQueryHandler<DocumentFiguresQuery, Page<DocumentFigureView>> {
  protected read({ access, filter, page }: DocumentFiguresQuery['params'], state: CommitmentsState) {
    const figures = [...state.documentFigures.values()]
      .filter((f) => filter.line === undefined || lineOf(f) === filter.line)
      .filter((f) => filter.role === undefined || f.role === filter.role)
      .filter((f) => filter.funder === undefined || f.funder === filter.funder)
      .filter((f) => seesFigure(access, f, state))
      .sort((a, b) => lineOf(a) - lineOf(b) || a.figureId.localeCompare(b.figureId));
    return paginate(
      figures.map((f) => documentFigureView(f, state)),
      page,
    );
  }
}
