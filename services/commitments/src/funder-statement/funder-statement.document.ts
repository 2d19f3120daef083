import {
  frenchDate,
  parisDateTime,
  parisDay,
  type ReportCell,
  type ReportColumn,
  type ReportDocument,
  type ReportTable,
} from '@cvl/exports';
import { formatEurosFr, formatIntegerFr, fromDecimalString } from '@cvl/money';
import { STATUS_LABELS } from '../queries/views';
import type { FunderStatementView } from './funder-statement.queries';

/** What a statement's seal is for: a seal for a statement proves nothing for a snapshot, and the reverse. */
export const STATEMENT_PURPOSE = 'releve-financeur';

/** Who issues the statements: the contract's team at the CALL (the contract's steering body keeps the ledger). */
export const STATEMENT_ISSUER =
  'Communauté d’Agglomération de Lens-Liévin — équipe du contrat de ville (pilotage du contrat)';

type Figures = FunderStatementView['totals'];
const FIGURES: ReadonlyArray<[keyof Omit<Figures, 'formatted'>, string]> = [
  ['indicative', 'Indicatif'],
  ['conditional', 'Conditionnel'],
  ['firm', 'Ferme'],
  ['paid', 'Payé'],
  ['outstanding', 'Reste à payer'],
];
const figureColumns: ReportColumn[] = FIGURES.map(([, header]) => ({ header, kind: 'euros' }));
const figureCells = (figures: Figures): ReportCell[] => FIGURES.map(([key]) => fromDecimalString(figures[key]));

/** « arrêté au 31/12/2020 », or at the day of issue when no date was asked. */
const cutOffOf = (view: FunderStatementView, issuedAt: string) => frenchDate(view.at.asOf ?? parisDay(issuedAt));

/** « REL-20261204-3F9A0C21 »: the day of issue (Paris) and the first digits of what the seal covers. */
export function statementReference(issuedAt: string, contentHash: string): string {
  return `REL-${parisDay(issuedAt).replace(/-/g, '')}-${contentHash.slice(0, 8).toUpperCase()}`;
}

/**
 * What the printed statement must carry, for `cvl audit verify` to compare with its text: the legal name and each
 * total (indicative, conditional, firm, paid, still to pay) as French readers read it.
 */
export function statementPrinted(view: FunderStatementView): string[] {
  const totals = FIGURES.map(([key]) => formatEurosFr(fromDecimalString(view.totals[key]), { symbol: false }));
  return [view.funder.name, ...new Set(totals)];
}

const BREAKDOWNS: ReadonlyArray<[keyof FunderStatementView['by'], string, string]> = [
  ['programme', 'Par programme', 'Programme'],
  ['quartier', 'Par quartier', 'Quartier'],
  ['stake', 'Par enjeu', 'Enjeu'],
  ['year', 'Par année', 'Année'],
  ['epci', 'Par EPCI', 'EPCI'],
];

/**
 * A funder's statement as a document it can sign: « Relevé des engagements de <nom> — arrêté au <date> », the CALL
 * as issuer, totals by status, every commitment with its act, dates, status, amounts and document lines, the five
 * breakdowns, what awaits a condition, what sits in pools, what is announced without an amount; then its reference,
 * fingerprint and signed head (`seal`), and a signature block. Each table adds up to the totals.
 */
export function statementDocument(
  view: FunderStatementView,
  issuedAt: string,
  seal?: ReportDocument['seal'],
): ReportDocument {
  const cutOff = cutOffOf(view, issuedAt);
  const byStatus = (['indicative', 'conditional', 'firm', 'lapsed'] as const).map((status) => {
    const lines = view.commitments.filter((c) => c.status === status);
    const cents = lines.reduce(
      (sum, c) =>
        sum +
        fromDecimalString(c.figures.indicative) +
        fromDecimalString(c.figures.conditional) +
        fromDecimalString(c.figures.firm),
      0n,
    );
    return [STATUS_LABELS[status], lines.length, cents] as ReportCell[];
  });
  const breakdown = ([axis, title, header]: (typeof BREAKDOWNS)[number]): ReportTable => ({
    name: title,
    title,
    columns: [{ header, kind: axis === 'year' ? 'year' : 'text' }, ...figureColumns],
    rows: view.by[axis].map((group) => [
      axis === 'year' && /^\d{4}$/.test(group.key) ? Number(group.key) : group.name,
      ...figureCells(group.figures),
    ]),
    totals: ['Total', ...figureCells(view.totals)],
  });
  const tables: ReportTable[] = [
    {
      name: 'Totaux par statut',
      title: 'Totaux par statut (montant engagé à la date d’arrêté)',
      columns: [
        { header: 'Statut', kind: 'text' },
        { header: 'Engagements', kind: 'integer' },
        { header: 'Montant', kind: 'euros' },
      ],
      rows: byStatus,
      totals: ['Total', view.commitments.length, byStatus.reduce((sum, row) => sum + (row[2] as bigint), 0n)],
    },
    {
      name: 'Engagements',
      title: `Engagements de ${view.funder.name} (${formatIntegerFr(view.commitments.length)})`,
      columns: [
        { header: 'Engagement', kind: 'text' },
        { header: 'Acte', kind: 'text' },
        { header: 'Date d’effet', kind: 'text' },
        { header: 'Statut', kind: 'text' },
        ...figureColumns,
        { header: 'Ligne du document', kind: 'text' },
      ],
      rows: view.commitments.map((c) => [
        c.isPool ? `${c.label} (enveloppe commune)` : c.label,
        c.act ? `${c.act.reference} du ${frenchDate(c.act.date)}` : 'aucun acte (non ferme)',
        c.firmSince && c.firmSince !== c.since
          ? `${frenchDate(c.since)}, ferme le ${frenchDate(c.firmSince)}`
          : frenchDate(c.since),
        c.statusLabel,
        ...figureCells(c.figures),
        c.documentLines.length ? c.documentLines.map((line) => `l. ${line}`).join(', ') : '—',
      ]),
      totals: ['Total', '', '', '', ...figureCells(view.totals), ''],
    },
    ...BREAKDOWNS.map(breakdown),
    {
      name: 'Conditions',
      title: 'Montants en attente d’une condition suspensive',
      columns: [
        { header: 'Condition', kind: 'text' },
        { header: 'En attente', kind: 'euros' },
      ],
      rows: view.awaitingConditions.map((c) => [c.label, fromDecimalString(c.amount)]),
      totals: ['Total', view.awaitingConditions.reduce((sum, c) => sum + fromDecimalString(c.amount), 0n)],
    },
    {
      name: 'Enveloppes communes',
      title: 'Enveloppes communes non encore ventilées',
      columns: [
        { header: 'Enveloppe', kind: 'text' },
        { header: 'Échelle', kind: 'text' },
        { header: 'Statut', kind: 'text' },
        { header: 'Non ventilé', kind: 'euros' },
      ],
      rows: view.unallocatedPools.map((p) => [
        p.label,
        p.scale,
        STATUS_LABELS[p.status],
        fromDecimalString(p.unallocated),
      ]),
      totals: ['Total', '', '', view.unallocatedPools.reduce((sum, p) => sum + fromDecimalString(p.unallocated), 0n)],
    },
    ...(view.pourMemoire.length
      ? [
          {
            name: 'Pour mémoire',
            title: 'Participations pour mémoire (annoncées sans montant, hors des totaux)',
            columns: [
              { header: 'Participation', kind: 'text' as const },
              { header: 'Période', kind: 'text' as const },
              { header: 'Ligne du document', kind: 'text' as const },
            ],
            rows: view.pourMemoire.map((m) => [
              m.wording ? `${m.text} — ${m.wording}` : m.text,
              `${m.period.fromYear}-${m.period.toYear}`,
              `l. ${m.line}`,
            ]),
          },
        ]
      : []),
  ];
  return {
    title: `Relevé des engagements de ${view.funder.name} — arrêté au ${cutOff}`,
    subtitle: [
      'Contrat de ville de l’agglomération de Lens-Liévin 2015-2020',
      `Situation à la date d’effet du ${cutOff}, ${
        view.at.knownAt
          ? `telle que connue le ${parisDateTime(view.at.knownAt)} (heure de Paris)`
          : `telle que connue à l’édition`
      }.`,
    ],
    issuer: STATEMENT_ISSUER,
    generatedAt: issuedAt,
    fileName: `releve-${view.funder.code}-${(view.at.asOf ?? parisDay(issuedAt)).replace(/-/g, '')}`,
    notices: view.commitments.length
      ? []
      : [
          `Aucun engagement de ${view.funder.name} n’est inscrit au grand livre à cette date : tous les montants sont nuls.`,
        ],
    tables,
    orientation: 'landscape',
    ...(seal ? { seal } : {}),
    signature: [
      `Certifié conforme au grand livre du contrat, à Liévin, le ${frenchDate(parisDay(issuedAt))}.`,
      'Pour la Communauté d’Agglomération de Lens-Liévin, le chef de projet du contrat de ville (signature et cachet) :',
      `Vu pour ${view.funder.name} (date et signature) :`,
    ],
  };
}
