import { frenchDate, type ReportDocument } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import type { PreFinancingForecast } from './pre-financing';

const rate = (basisPoints: number) => `${basisPoints / 100} %`;

/** The forecast as a file: month by month, then the operations and their aids, then the rules applied. */
export function preFinancingReport(forecast: PreFinancingForecast, generatedAt: string): ReportDocument {
  return {
    title: `Préfinancement — ${forecast.projectOwner.name}`,
    subtitle: [
      'Contrat de ville de Lens-Liévin 2015-2020',
      `Besoin de préfinancement au plus haut : ${forecast.peak.amountFormatted}${forecast.peak.month ? ` (${forecast.peak.month})` : ''} ; part propre : ${forecast.totals.ownShare.replace('.', ',')} €`,
      'Prévision : dépenses réparties également sur le calendrier de chaque opération, aides versées selon les règles ci-dessous',
    ],
    generatedAt,
    fileName: `prefinancement-${forecast.projectOwner.code}`,
    ...(forecast.months.length === 0 ? { notices: ['Aucune opération datée de ce maître d’ouvrage.'] } : {}),
    tables: [
      {
        name: 'Par mois',
        title: 'Trésorerie mois par mois',
        columns: [
          { header: 'Mois', kind: 'text' },
          { header: 'Dépenses', kind: 'euros' },
          { header: 'Aides reçues', kind: 'euros' },
          { header: 'À préfinancer (cumul)', kind: 'euros' },
        ],
        rows: forecast.months.map((m) => [
          m.month,
          fromDecimalString(m.out),
          fromDecimalString(m.in),
          fromDecimalString(m.gap),
        ]),
        totals: ['Total', fromDecimalString(forecast.totals.out), fromDecimalString(forecast.totals.in), null],
      },
      {
        name: 'Opérations et aides',
        title: 'Opérations et aides',
        columns: [
          { header: 'Opération', kind: 'text' },
          { header: 'Calendrier', kind: 'text' },
          { header: 'Financeur', kind: 'text' },
          { header: 'Aide', kind: 'euros' },
          { header: 'Notifiée le', kind: 'text' },
          { header: 'Règle', kind: 'text' },
        ],
        rows: forecast.operations.flatMap((o) =>
          o.aids.map((a) => [
            o.label,
            `${frenchDate(o.start)} – ${frenchDate(o.end)}`,
            a.funderName,
            fromDecimalString(a.amount),
            frenchDate(a.notified),
            a.rule,
          ]),
        ),
      },
      {
        name: 'Règles de paiement',
        title: 'Règles de paiement appliquées',
        columns: [
          { header: 'Règle', kind: 'text' },
          { header: 'Avance', kind: 'text' },
          { header: 'Plafond avance + acomptes', kind: 'text' },
          { header: 'Délai de paiement (mois)', kind: 'integer' },
          { header: 'Délai du solde (mois)', kind: 'integer' },
          { header: 'Source', kind: 'text' },
        ],
        rows: forecast.rules.map((r) => [
          r.label,
          rate(r.advanceBasisPoints),
          rate(r.instalmentCeilingBasisPoints),
          r.delayMonths,
          r.balanceDelayMonths,
          r.source,
        ]),
      },
    ],
  };
}
