import type { ReportDocument, ReportTable } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import { figureCells, figureColumns } from '../co-financing-matrix/co-financing-matrix.report';
import type { funderStatement } from './funder-statement';

type Statement = ReturnType<typeof funderStatement>;

const BREAKDOWNS: ReadonlyArray<[keyof Statement['by'], string, string]> = [
  ['programme', 'Par programme', 'Programme'],
  ['quartier', 'Par quartier', 'Quartier'],
  ['stake', 'Par enjeu', 'Enjeu'],
  ['year', 'Par année', 'Année'],
  ['epci', 'Par EPCI', 'EPCI'],
];

/** A funder's statement as a document: totals, the five breakdowns (each adding up to the totals), conditions, pools. */
export function statementReport(statement: Statement, generatedAt: string): ReportDocument {
  const breakdown = ([axis, name, header]: (typeof BREAKDOWNS)[number]): ReportTable => ({
    name,
    title: name,
    columns: [{ header, kind: 'text' }, ...figureColumns],
    rows: statement.by[axis].map((line) => [String(line[axis]), ...figureCells(line.figures)]),
    totals: ['Total', ...figureCells(statement.totals)],
  });
  return {
    title: `Relevé du financeur ${statement.funder}`,
    subtitle: ['Contrat de ville de Lens-Liévin 2015-2020', `${statement.commitments} engagement(s)`],
    generatedAt,
    fileName: `releve-${statement.funder}`,
    tables: [
      { name: 'Synthèse', title: 'Synthèse', columns: [{ header: 'Financeur', kind: 'text' }, ...figureColumns], rows: [[statement.funder, ...figureCells(statement.totals)]] },
      ...BREAKDOWNS.map(breakdown),
      {
        name: 'Conditions en attente',
        title: 'Conditions en attente',
        columns: [{ header: 'Condition', kind: 'text' }, { header: 'Engagements', kind: 'integer' }, { header: 'En attente', kind: 'euros' }],
        rows: statement.awaitingConditions.map((c) => [c.conditionId, c.commitments, fromDecimalString(c.pending)]),
      },
      {
        name: 'Enveloppes communes',
        title: 'Enveloppes communes (à ventiler)',
        columns: [{ header: 'Enveloppe', kind: 'text' }, { header: 'Libellé', kind: 'text' }, { header: 'Ventilé', kind: 'euros' }, { header: 'Reste à ventiler', kind: 'euros' }],
        rows: statement.pools.map((p) => [p.poolId, p.label, fromDecimalString(p.allocated), fromDecimalString(p.unallocated)]),
      },
    ],
  };
}
