import type { ReportDocument, ReportTable } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import { figureCells, figureColumns } from '../co-financing-matrix/co-financing-matrix.report';
import { conditionsTable, poolsTable } from '../conditions-and-pools/conditions-and-pools.report';
import type { funderStatement } from './funder-statement';

type Statement = ReturnType<typeof funderStatement> & { funderName?: string; readModelEmpty?: boolean };

const BREAKDOWNS: ReadonlyArray<[keyof Statement['by'], string, string]> = [
  ['programme', 'Par programme', 'Programme'],
  ['quartier', 'Par quartier', 'Quartier'],
  ['stake', 'Par enjeu', 'Enjeu'],
  ['year', 'Par année', 'Année'],
  ['epci', 'Par EPCI', 'EPCI'],
];

/** A funder's statement as a document: totals, the five breakdowns (each adding up to the totals), AE/CP, conditions, pools. */
export function statementReport(statement: Statement, generatedAt: string): ReportDocument {
  const breakdown = ([axis, name, header]: (typeof BREAKDOWNS)[number]): ReportTable => ({
    name,
    title: name,
    columns: [{ header, kind: 'text' }, ...figureColumns],
    rows: (statement.by[axis] as Array<Record<typeof axis, string> & { figures: Statement['totals'] }>).map((line) => [
      line[axis],
      ...figureCells(line.figures),
    ]),
    totals: ['Total', ...figureCells(statement.totals)],
  });
  return {
    title: `Restitution des engagements de ${statement.funderName ?? statement.funder}`,
    subtitle: [
      'Contrat de ville de l’agglomération de Lens-Liévin 2015-2020',
      `${statement.commitments} engagement(s), à ce jour, tels que les modèles de lecture les ont reçus`,
      'Vue de restitution (service reporting), non scellée ; le relevé de référence, arrêté à une date et scellé : cvl report releve',
    ],
    ...(statement.readModelEmpty
      ? {
          notices: [
            'Modèles de lecture vides (en reconstruction, ou rien encore reçu) : ces montants ne sont pas encore ceux du grand livre.',
          ],
        }
      : {}),
    generatedAt,
    fileName: `releve-${statement.funder}`,
    tables: [
      {
        name: 'Synthèse',
        title: 'Synthèse',
        columns: [{ header: 'Financeur', kind: 'text' }, ...figureColumns],
        rows: [[statement.funderName ?? statement.funder, ...figureCells(statement.totals)]],
      },
      ...BREAKDOWNS.map(breakdown),
      {
        name: 'AE-CP',
        title: 'AE/CP par année (engagé, payé, restes à payer en fin d’année)',
        columns: [
          { header: 'Année', kind: 'text' },
          { header: 'Engagé (AE)', kind: 'euros' },
          { header: 'Payé (CP)', kind: 'euros' },
          { header: 'Restes à payer', kind: 'euros' },
        ],
        rows: statement.aeCp.rows.map((row) => [
          String(row.year),
          fromDecimalString(row.engaged),
          fromDecimalString(row.paid),
          fromDecimalString(row.remaining),
        ]),
        totals: [
          'Total',
          fromDecimalString(statement.aeCp.totals.engaged),
          fromDecimalString(statement.aeCp.totals.paid),
          fromDecimalString(statement.aeCp.totals.remaining),
        ],
      },
      conditionsTable(statement.awaitingConditions),
      poolsTable(statement.pools),
      ...(statement.pourMemoire.length
        ? [
            {
              name: 'Pour mémoire',
              title: 'Participations pour mémoire (sans montant, hors des totaux)',
              columns: [
                { header: 'Participation', kind: 'text' as const },
                { header: 'Période', kind: 'text' as const },
                { header: 'Ligne du document', kind: 'text' as const },
              ],
              rows: statement.pourMemoire.map((m) => [
                m.wording ? `${m.text} — ${m.wording}` : m.text,
                `${m.period.fromYear}-${m.period.toYear}`,
                `l. ${m.line}`,
              ]),
            },
          ]
        : []),
    ],
  };
}
