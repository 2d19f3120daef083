import type { ReportDocument, ReportTable } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import type { EnvelopePosition } from './envelopes';

const KINDS: ReadonlyArray<[EnvelopePosition['kind'], string, string]> = [
  ['budget', 'Budgets', 'Budgets des financeurs (ouverts au registre)'],
  ['iti-axis', 'Axes ITI', 'Axes de l’ITI FEDER (programme ; plafond = part CALL une fois fixée)'],
];

/**
 * The envelopes as a document for people: cap, programmed, firm, paid, available — one table per kind, each with
 * its total (a funder's budget and an ITI axis may hold the same euros: they are never added together).
 */
export function envelopesReport(positions: readonly EnvelopePosition[], generatedAt: string): ReportDocument {
  const table = ([kind, name, title]: (typeof KINDS)[number]): ReportTable => {
    const mine = positions.filter((p) => p.kind === kind);
    const cents = (pick: (p: EnvelopePosition) => string) =>
      mine.reduce((sum, p) => sum + fromDecimalString(pick(p)), 0n);
    return {
      name,
      title,
      columns: [
        { header: 'Enveloppe', kind: 'text' },
        { header: 'Libellé', kind: 'text' },
        { header: 'Financeur', kind: 'text' },
        { header: 'Plafond', kind: 'euros' },
        { header: 'Programmé', kind: 'euros' },
        { header: 'dont ferme', kind: 'euros' },
        { header: 'Payé', kind: 'euros' },
        { header: 'Disponible', kind: 'euros' },
      ],
      rows: mine.map((p) => [
        p.id,
        p.label,
        p.funder ?? '',
        fromDecimalString(p.cap),
        fromDecimalString(p.programmed),
        fromDecimalString(p.firm),
        fromDecimalString(p.paid),
        fromDecimalString(p.available),
      ]),
      totals: [
        'Total',
        '',
        '',
        cents((p) => p.cap),
        cents((p) => p.programmed),
        cents((p) => p.firm),
        cents((p) => p.paid),
        cents((p) => p.available),
      ],
    };
  };
  return {
    title: 'Enveloppes — programmé et disponible',
    subtitle: ['Budgets des financeurs ouverts au registre et axes de l’ITI FEDER'],
    generatedAt,
    fileName: 'enveloppes',
    tables: KINDS.map(table),
  };
}
