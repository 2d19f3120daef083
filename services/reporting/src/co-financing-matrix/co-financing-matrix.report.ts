import type { ReportCell, ReportColumn, ReportDocument } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import { FIGURE_KEYS, type coFinancingMatrix, type Figures, type MatrixFilter } from './co-financing-matrix';

type FiguresJson = Record<keyof Figures, string>;

const HEADERS: Record<keyof Figures, string> = {
  indicative: 'Indicatif',
  conditional: 'Conditionnel',
  firm: 'Ferme',
  paid: 'Payé',
  outstanding: 'Reste à payer',
};

/** The five figure columns every reporting table ends with, and a row's cells for them. */
export const figureColumns: ReportColumn[] = FIGURE_KEYS.map((key) => ({ header: HEADERS[key], kind: 'euros' }));
export const figureCells = (figures: FiguresJson): ReportCell[] =>
  FIGURE_KEYS.map((key) => fromDecimalString(figures[key]));

/** « financeur maisons-et-cites, année 2016 » — what a filtered export covers, in words. */
export function filterLine(filter: MatrixFilter): string[] {
  const parts = [
    filter.funder && `financeur ${filter.funder}`,
    filter.stake && `enjeu ${filter.stake}`,
    filter.quartier && `quartier ${filter.quartier}`,
    filter.year !== undefined && `année ${filter.year}`,
  ].filter(Boolean);
  return [parts.length ? `Filtre : ${parts.join(', ')}` : 'Tous financeurs, enjeux, quartiers et années'];
}

/** The co-financing matrix as a document for people. */
export function matrixReport(matrix: ReturnType<typeof coFinancingMatrix>, generatedAt: string): ReportDocument {
  return {
    title: 'Matrice de cofinancement — Contrat de ville de Lens-Liévin',
    subtitle: filterLine(matrix.filter),
    generatedAt,
    fileName: 'matrice-cofinancement',
    tables: [
      {
        name: 'Cofinancement',
        title: 'Financeur × enjeu (ou axe ITI) × quartier × année',
        columns: [
          { header: 'Financeur', kind: 'text' },
          { header: 'Enjeu / axe', kind: 'text' },
          { header: 'Quartier', kind: 'text' },
          { header: 'Année', kind: 'text' },
          ...figureColumns,
        ],
        rows: matrix.rows.map((r) => [r.funder, r.stake, r.quartier, String(r.year), ...figureCells(r.figures)]),
        totals: ['Total', '', '', '', ...figureCells(matrix.total)],
      },
    ],
  };
}
