import type { ReportDocument } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import type { EnvelopePosition } from './envelopes';

/** The envelopes as a document for people: cap, programmed, firm, paid, available. */
export function envelopesReport(positions: readonly EnvelopePosition[], generatedAt: string): ReportDocument {
  const cents = (pick: (p: EnvelopePosition) => string) => positions.reduce((sum, p) => sum + fromDecimalString(pick(p)), 0n);
  return {
    title: 'Enveloppes — programmé et disponible',
    subtitle: ['Budgets des financeurs ouverts au registre et axes de l’ITI FEDER'],
    generatedAt,
    fileName: 'enveloppes',
    tables: [
      {
        name: 'Enveloppes',
        title: 'Enveloppes',
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
        rows: positions.map((p) => [p.id, p.label, p.funder ?? '', fromDecimalString(p.cap), fromDecimalString(p.programmed), fromDecimalString(p.firm), fromDecimalString(p.paid), fromDecimalString(p.available)]),
        totals: ['Total', '', '', cents((p) => p.cap), cents((p) => p.programmed), cents((p) => p.firm), cents((p) => p.paid), cents((p) => p.available)],
      },
    ],
  };
}
