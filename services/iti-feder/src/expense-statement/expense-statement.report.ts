import type { ReportDocument } from '@cvl/exports';
import { frenchDate } from '@cvl/exports';
import { formatEurosFr, fromDecimalString } from '@cvl/money';
import type { ExpenseStatement } from './expense-statement';

const cents = (decimal: string | undefined) => (decimal === undefined ? null : fromDecimalString(decimal));

/** The état récapitulatif and the plan de financement as the managing authority files them, in one document. */
export function expenseStatementReport(
  statement: ExpenseStatement,
  programmeId: string,
  generatedAt: string,
): ReportDocument {
  const planTotal = statement.plan.reduce((sum, line) => sum + fromDecimalString(line.amount), 0n);
  return {
    title: `FEDER — état récapitulatif des dépenses et plan de financement — ${statement.label}`,
    subtitle: [
      `Programme ITI ${programmeId}, axe ${statement.axis} (${statement.priority}), opération ${statement.operationId}`,
      `Bénéficiaire : ${statement.beneficiary} ; quartier : ${statement.quartier} ; coût total éligible : ${formatEurosFr(fromDecimalString(statement.eligibleCost))}`,
      'Dépenses retenues : celles que le contrôle du service fait a acceptées ; aide publique cumulée : cofinancements publics inscrits et FEDER payable à la date du contrôle',
    ],
    issuer: 'Région Hauts-de-France, autorité de gestion du FEDER — instruction de l’ITI de la CALL',
    generatedAt,
    fileName: `feder-etat-recapitulatif-${statement.operationId}`,
    orientation: 'landscape',
    tables: [
      {
        name: 'Plan de financement',
        title: 'Plan de financement de l’opération (coût total éligible)',
        columns: [
          { header: 'Financeur', kind: 'text' },
          { header: 'Nature', kind: 'text' },
          { header: 'Acte', kind: 'text' },
          { header: 'Montant', kind: 'euros' },
          { header: 'Part du coût éligible', kind: 'rate' },
        ],
        rows: statement.plan.map((line) => [
          line.funder,
          line.nature,
          line.act ? `${line.act.reference} du ${frenchDate(line.act.date)}` : 'à venir',
          fromDecimalString(line.amount),
          line.rateBasisPoints,
        ]),
        totals: ['Total', '', '', planTotal, statement.plan.reduce((sum, line) => sum + line.rateBasisPoints, 0)],
      },
      {
        name: 'État récapitulatif',
        title: 'État récapitulatif des dépenses, demande de paiement par demande de paiement',
        columns: [
          { header: 'Demande', kind: 'text' },
          { header: 'Type', kind: 'text' },
          { header: 'État', kind: 'text' },
          { header: 'Dépenses déclarées', kind: 'euros' },
          { header: 'Dépenses retenues (service fait)', kind: 'euros' },
          { header: 'Aide publique cumulée au contrôle', kind: 'euros' },
          { header: 'FEDER payable', kind: 'euros' },
          { header: 'FEDER payé', kind: 'euros' },
        ],
        rows: statement.claims.map((claim) => [
          claim.claimId,
          claim.kind,
          claim.status,
          fromDecimalString(claim.declared),
          cents(claim.retained),
          cents(claim.publicAid),
          cents(claim.payableFeder),
          fromDecimalString(claim.paidFeder),
        ]),
        totals: [
          'Total',
          '',
          '',
          fromDecimalString(statement.totals.declared),
          fromDecimalString(statement.totals.retained),
          // Cumulative figures do not add up: the situation below gives the last one.
          null,
          fromDecimalString(statement.totals.payableFeder),
          fromDecimalString(statement.totals.paidFeder),
        ],
      },
      {
        name: 'Situation FEDER',
        title: 'Situation de l’aide FEDER',
        columns: [
          { header: 'Poste', kind: 'text' },
          { header: 'Montant', kind: 'euros' },
        ],
        rows: [
          ['FEDER programmé', fromDecimalString(statement.plan[0].amount)],
          ['FEDER payé', fromDecimalString(statement.totals.paidFeder)],
          ['Aide publique au dernier contrôle du service fait', fromDecimalString(statement.totals.publicAid)],
          ['FEDER dégagé (non utilisé)', fromDecimalString(statement.totals.releasedFeder)],
          ['FEDER restant à payer', fromDecimalString(statement.totals.remainingFeder)],
          ['Coût éligible restant à déclarer', fromDecimalString(statement.totals.toDeclare)],
        ],
      },
    ],
  };
}
