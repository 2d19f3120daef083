import type { ReportColumn, ReportDocument } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import type { LeverageMap } from './leverage-map';

/** The leverage map as a file: one line per quartier (or stake), one column per kind of money, then by year. */
export function leverageMapReport(map: LeverageMap, generatedAt: string): ReportDocument {
  const where = map.axis === 'quartier' ? 'Quartier' : 'Enjeu';
  const euroColumns: ReportColumn[] = [
    ...map.kinds.map((k) => ({ header: k.label, kind: 'euros' as const })),
    { header: 'Total', kind: 'euros' },
  ];
  const cells = (amounts: Record<string, string>, total: string) => [
    ...map.kinds.map((k) => fromDecimalString(amounts[k.key])),
    fromDecimalString(total),
  ];
  return {
    title: `Carte des leviers par ${map.axis === 'quartier' ? 'quartier' : 'enjeu'}`,
    subtitle: [
      'Contrat de ville de Lens-Liévin 2015-2020',
      `Montants ${map.figureLabel}s par nature de financement ; effet levier : droit commun pour un euro de crédits spécifiques`,
    ],
    generatedAt,
    fileName: `carte-des-leviers-${map.axis}-${map.figure}`,
    tables: [
      {
        name: 'Carte des leviers',
        title: 'Par nature de financement',
        columns: [{ header: where, kind: 'text' }, ...euroColumns, { header: 'Effet levier', kind: 'text' }],
        rows: map.rows.map((r) => [r.name, ...cells(r.amounts, r.total), r.leverage ?? '—']),
        totals: ['Total', ...cells(map.totals.amounts, map.totals.total), map.totals.leverage ?? '—'],
      },
      {
        name: 'Par année',
        title: 'Par année',
        columns: [{ header: where, kind: 'text' }, { header: 'Année', kind: 'year' }, ...euroColumns],
        rows: map.rows.flatMap((r) => r.years.map((y) => [r.name, y.year, ...cells(y.amounts, y.total)])),
      },
    ],
  };
}
