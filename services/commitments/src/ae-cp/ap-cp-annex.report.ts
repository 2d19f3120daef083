import type { ReportDocument } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import type { ApCpAnnex } from './ap-cp-annex';

const FIGURES = [
  ['authorised', 'Montant de l’AP'],
  ['paidBefore', 'CP réalisés avant l’exercice'],
  ['paidInYear', 'CP réalisés de l’exercice'],
  ['plannedInYear', 'CP prévus de l’exercice'],
  ['plannedLater', 'CP prévus au-delà'],
  ['remaining', 'Reste à financer'],
] as const;

/** The annex as the budget prints it: one AP a line, its CP before, in and after the year, totals as formulas. */
export function apCpAnnexReport(annex: ApCpAnnex, generatedAt: string): ReportDocument {
  return {
    title: `Situation des autorisations de programme et crédits de paiement — ${annex.funderName} — exercice ${annex.year}`,
    subtitle: [
      'Contrat de ville de l’agglomération de Lens-Liévin 2015-2020 : les engagements du financeur au grand livre',
      'AP votée : engagement ferme (son acte) ; AP prévue : engagement indicatif ou conditionnel, à voter',
      `Reste à financer : montant de l’AP moins les CP réalisés jusqu’au 31/12/${annex.year}`,
    ],
    issuer: 'Communauté d’Agglomération de Lens-Liévin — équipe du contrat de ville',
    generatedAt,
    fileName: `annexe-ap-cp-${annex.funder}-${annex.year}`,
    orientation: 'landscape',
    notices: annex.lines.length ? [] : [`Aucun engagement de ${annex.funderName} au grand livre : aucune AP.`],
    tables: [
      {
        name: `AP-CP ${annex.year}`,
        title: `Autorisations de programme et crédits de paiement, exercice ${annex.year}`,
        columns: [
          { header: 'N° d’AP', kind: 'text' },
          { header: 'Libellé', kind: 'text' },
          { header: 'AP', kind: 'text' },
          ...FIGURES.map(([, header]) => ({ header, kind: 'euros' as const })),
        ],
        rows: annex.lines.map((line) => [
          line.ap,
          line.label,
          line.state,
          ...FIGURES.map(([key]) => fromDecimalString(line[key])),
        ]),
        totals: ['Total', '', '', ...FIGURES.map(([key]) => fromDecimalString(annex.totals[key]))],
      },
    ],
  };
}
