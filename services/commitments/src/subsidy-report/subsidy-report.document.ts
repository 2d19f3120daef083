import { frenchDate, type ReportDocument } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import { STATUS_LABELS } from '../queries/views';
import type { SubsidyReport } from './subsidy-report';

/** The charges of the CERFA n° 15059 by nature: the beneficiary's accounts, which the registry does not hold. */
const CHARGES = [
  '60 — Achats',
  '61 — Services extérieurs',
  '62 — Autres services extérieurs',
  '63 — Impôts et taxes',
  '64 — Charges de personnel',
  '65 — Autres charges de gestion courante',
  '66 — Charges financières',
  '67 — Charges exceptionnelles',
  '68 — Dotation aux amortissements',
];

/** The compte rendu financier as the form lays it out: identification, charges, products, the écarts explained. */
export function subsidyReportDocument(report: SubsidyReport, generatedAt: string): ReportDocument {
  const base = report.action.eligibleBase ? fromDecimalString(report.action.eligibleBase) : null;
  const planned = fromDecimalString(report.totals.planned);
  const realised = fromDecimalString(report.totals.realised);
  return {
    title: `Compte rendu financier de subvention (CERFA n° 15059) — ${report.action.label}`,
    subtitle: [
      `Subvention de ${report.subsidy.funderName}, exercice ${report.subsidy.year} : ${report.subsidy.label}`,
      report.subsidy.act
        ? `Acte attributif : ${report.subsidy.act.reference} du ${frenchDate(report.subsidy.act.date)}`
        : `Subvention ${STATUS_LABELS[report.subsidy.status]} : pas encore d’acte attributif`,
      'Prévision : ce que chaque financeur a engagé ; réalisation : ce qu’il a payé, au grand livre du contrat',
    ],
    issuer: 'Communauté d’Agglomération de Lens-Liévin — équipe du contrat de ville, pour le bénéficiaire',
    generatedAt,
    fileName: `compte-rendu-financier-${report.subsidy.commitmentId}`,
    notices: [
      'Charges par nature (comptes 60 à 68) : à renseigner par le bénéficiaire, le registre ne tient que l’assiette de l’action.',
    ],
    tables: [
      {
        name: 'Identification',
        title: 'Identification de la subvention et de l’action',
        columns: [
          { header: 'Rubrique', kind: 'text' },
          { header: 'Valeur', kind: 'text' },
        ],
        rows: [
          ['Financeur', report.subsidy.funderName],
          ['Intitulé de la subvention', report.subsidy.label],
          ['Exercice', String(report.subsidy.year)],
          ['Bénéficiaire', report.action.beneficiary || 'non renseigné au registre'],
          ['Action', report.action.label],
          [
            'Période de l’action',
            report.action.start && report.action.end
              ? `du ${frenchDate(report.action.start)} au ${frenchDate(report.action.end)}`
              : 'non renseignée au registre',
          ],
        ],
      },
      {
        name: 'Charges',
        title: 'Charges de l’action',
        columns: [
          { header: 'Compte', kind: 'text' },
          { header: 'Prévision', kind: 'euros' },
          { header: 'Réalisation', kind: 'euros' },
        ],
        rows: CHARGES.map((line) => [line, null, null]),
        totals: ['Total des charges (assiette de l’action)', base, null],
      },
      {
        name: 'Produits',
        title: 'Produits de l’action : ses financeurs',
        columns: [
          { header: 'Compte', kind: 'text' },
          { header: 'Prévision', kind: 'euros' },
          { header: 'Réalisation', kind: 'euros' },
          { header: 'Réalisé / prévu', kind: 'rate' },
        ],
        rows: report.products.map((p) => [
          p.line,
          fromDecimalString(p.planned),
          fromDecimalString(p.realised),
          p.realisedRateBasisPoints ?? null,
        ]),
        totals: ['Total des produits', planned, realised, report.totals.realisedRateBasisPoints ?? null],
      },
    ],
    signature: [
      'Je soussigné(e), représentant(e) légal(e) du bénéficiaire, certifie exactes les informations du présent compte rendu (signature) :',
    ],
  };
}
