import type { ReportDocument } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import { asJson, fromJson, plus, zero } from '../co-financing-matrix/co-financing-matrix';
import { figureCells, figureColumns } from '../co-financing-matrix/co-financing-matrix.report';
import type { Names } from '../infrastructure/read-models';
import type { OperationCard } from './operation-cards';

const PROGRAMMES: Record<string, string> = { 'renewal-urban': 'NPNRU', 'iti-feder': 'ITI FEDER', registre: 'Registre' };

/** The operation cards as one table: a row per operation × funder (plan, share, booking, ledger figures). */
export function operationCardsReport(
  cards: readonly OperationCard[],
  filterLine: string[],
  generatedAt: string,
  names: Names,
): ReportDocument {
  return {
    title: 'Fiches opérations — financement par financeur',
    subtitle: filterLine,
    generatedAt,
    fileName: 'fiches-operations',
    tables: [
      {
        name: 'Opérations',
        title: 'Opérations et parts des financeurs',
        columns: [
          { header: 'Programme', kind: 'text' },
          { header: 'Opération', kind: 'text' },
          { header: 'Quartier', kind: 'text' },
          { header: 'État', kind: 'text' },
          { header: 'Coût', kind: 'euros' },
          { header: 'Financeur', kind: 'text' },
          { header: 'Prévu au plan', kind: 'euros' },
          { header: 'Part', kind: 'rate' },
          { header: 'Engagement', kind: 'text' },
          ...figureColumns,
        ],
        rows: cards.flatMap((card) =>
          card.funders.map((f) => [
            card.source === 'registre'
              ? 'Registre des opérations'
              : `${PROGRAMMES[card.source] ?? card.source} ${card.programmeId}`,
            card.label,
            names.list('quartier', card.quartier),
            card.status,
            fromDecimalString(card.cost),
            names.of('funder', f.funder),
            fromDecimalString(f.planned),
            f.share,
            f.booking,
            ...figureCells(f.figures),
          ]),
        ),
        totals: [
          'Total',
          '',
          '',
          '',
          null,
          '',
          cards.reduce((sum, c) => sum + fromDecimalString(c.planned), 0n),
          null,
          '',
          ...figureCells(asJson(cards.map((c) => fromJson(c.totals)).reduce(plus, zero()))),
        ],
      },
    ],
  };
}
