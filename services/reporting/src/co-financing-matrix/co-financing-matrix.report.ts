import type { ReportCell, ReportColumn, ReportDocument } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import type { Names } from '../infrastructure/read-models';
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

/** « financeur Maisons et Cités Soginorpa, année 2016 » — what a filtered export covers, in words. */
export function filterLine(filter: MatrixFilter, names?: Names): string[] {
  const parts = [
    filter.funder && `financeur ${names?.of('funder', filter.funder) ?? filter.funder}`,
    filter.stake && `enjeu ${names?.of('stake', filter.stake) ?? filter.stake}`,
    filter.quartier && `quartier ${names?.of('quartier', filter.quartier) ?? filter.quartier}`,
    filter.year !== undefined && `année ${filter.year}`,
  ].filter(Boolean);
  return [parts.length ? `Filtre : ${parts.join(', ')}` : 'Tous financeurs, enjeux, quartiers et années'];
}

/** The co-financing matrix as a document for people: names where they read, as the reference data gives them. */
export function matrixReport(
  matrix: ReturnType<typeof coFinancingMatrix>,
  generatedAt: string,
  names: Names,
): ReportDocument {
  return {
    title: 'Matrice de cofinancement — Contrat de ville de Lens-Liévin',
    subtitle: filterLine(matrix.filter, names),
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
        rows: matrix.rows.map((r) => [
          names.of('funder', r.funder),
          names.of('stake', r.stake),
          names.of('quartier', r.quartier),
          String(r.year),
          ...figureCells(r.figures),
        ]),
        totals: ['Total', '', '', '', ...figureCells(matrix.total)],
      },
    ],
  };
}
