import type { ReportDocument } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import type { AeCpTable } from './ae-cp';

/** The AE/CP table as a file: one line per year, the totals below (euros as numbers in XLSX, French in CSV/PDF). */
export function aeCpReport(table: AeCpTable, generatedAt: string): ReportDocument {
  const money = (decimal: string) => fromDecimalString(decimal);
  return {
    title: table.funder === 'contrat' ? 'AE/CP du contrat, tous financeurs' : `AE/CP du financeur ${table.funder}`,
    subtitle: [
      'Contrat de ville de Lens-Liévin 2015-2020',
      'AE : engagé dans l’année ; CP : payé dans l’année ; restes à payer en fin d’année',
    ],
    generatedAt,
    fileName: `ae-cp-${table.funder}`,
    tables: [
      {
        name: 'AE-CP',
        title: 'Autorisations d’engagement et crédits de paiement',
        columns: [
          { header: 'Année', kind: 'text' },
          { header: 'Engagé (AE)', kind: 'euros' },
          { header: 'Payé (CP)', kind: 'euros' },
          { header: 'Restes à payer', kind: 'euros' },
          { header: 'Paiements prévus', kind: 'euros' },
        ],
        rows: table.rows.map((r) => [
          String(r.year),
          money(r.engaged),
          money(r.paid),
          money(r.remaining),
          money(r.planned),
        ]),
        totals: [
          'Total',
          money(table.totals.engaged),
          money(table.totals.paid),
          money(table.totals.remaining),
          money(table.totals.planned),
        ],
      },
    ],
  };
}
