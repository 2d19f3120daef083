import { frenchDate, parisDateTime, type ReportColumn, type ReportDocument } from '@cvl/exports';
import { fromDecimalString } from '@cvl/money';
import type { DraftView } from './avenant-draft.handlers';
import type { Moved } from './avenant-impact';

const euros = (header: string): ReportColumn => ({ header, kind: 'euros' });
const text = (header: string): ReportColumn => ({ header, kind: 'text' });
/** Before, after and the change of one figure, as three euro columns. */
const movedColumns = (what: string): ReportColumn[] => [
  euros(`${what} avant`),
  euros(`${what} après`),
  euros(`${what} : écart`),
];
const movedCells = (m: Moved) => [fromDecimalString(m.before), fromDecimalString(m.after), fromDecimalString(m.delta)];

/**
 * A draft avenant as a file the co-funders read before signing: its changes and what the ledger says of each
 * (accepted, or refused with its rule and excess), then what moves per funder, commitment, operation and year, and
 * the pace of the EU funds under n+3.
 */
export function avenantDraftReport(view: DraftView, generatedAt: string): ReportDocument {
  const { impact, outcomes } = view.simulation;
  const approvals = view.approvals.filter((a) => a.current).map((a) => a.organisation.name);
  return {
    title: `Projet d’${view.kindLabel} — ${view.title}`,
    subtitle: [
      'Contrat de ville de Lens-Liévin 2015-2020',
      `Version ${view.version} (${view.statusLabel}), mise à jour le ${parisDateTime(view.updatedAt)} ; simulé sur le registre à sa version ${view.simulation.ledgerRevision} — rien n’y est écrit`,
      `Financeurs concernés : ${view.concerned.map((c) => c.name).join(', ') || 'aucun'} ; ont approuvé cette version : ${approvals.join(', ') || 'aucun'}`,
      ...(view.signed ? [`Signé : ${view.signed.act.reference} du ${frenchDate(view.signed.act.date)}`] : []),
    ],
    generatedAt,
    fileName: `projet-avenant-${view.draftId}-v${view.version}`,
    ...(view.simulation.refused > 0
      ? {
          notices: [
            `${view.simulation.refused} changement(s) seraient refusés par le registre : voir « Changements ».`,
          ],
        }
      : {}),
    tables: [
      {
        name: 'Changements',
        title: 'Changements proposés et réponse du registre',
        columns: [
          { header: 'N°', kind: 'integer' },
          text('Changement'),
          text('Objet'),
          text('Réponse'),
          text('Motif du refus'),
          text('Champ'),
          euros('Dépassement'),
        ],
        rows: outcomes.map((o) => [
          o.index + 1,
          o.actionLabel,
          o.subject,
          o.outcomeLabel,
          o.refusal?.message ?? '',
          o.refusal?.field ?? '',
          o.refusal?.excess !== undefined ? fromDecimalString(o.refusal.excess) : null,
        ]),
      },
      {
        name: 'Par financeur',
        title: 'Par financeur',
        columns: [text('Financeur'), ...movedColumns('Ferme'), ...movedColumns('Réservé')],
        rows: impact.funders.map((f) => [f.funderName, ...movedCells(f.firm), ...movedCells(f.reserved)]),
      },
      {
        name: 'Par engagement',
        title: 'Par engagement',
        columns: [
          text('Engagement'),
          text('Libellé'),
          text('Financeur'),
          text('Statut avant'),
          text('Statut après'),
          ...movedColumns('Montant'),
        ],
        rows: impact.commitments.map((c) => [
          c.commitmentId,
          c.label,
          c.funderName,
          c.statusBefore ?? '—',
          c.statusAfter ?? '—',
          ...movedCells(c.amount),
        ]),
      },
      {
        name: 'Par opération',
        title: 'Par opération (part de chaque cofinanceur)',
        columns: [text('Opération'), text('Financeur'), ...movedColumns('Montant')],
        rows: impact.operations.flatMap((o) => [
          [o.label, 'total', ...movedCells(o.total)],
          ...o.funders.map((f) => [o.label, f.funderName, ...movedCells(f)]),
        ]),
      },
      {
        name: 'Par année',
        title: 'Par année (AE, réservé, CP prévus)',
        columns: [
          { header: 'Année', kind: 'year' },
          ...movedColumns('AE'),
          ...movedColumns('Réservé'),
          ...movedColumns('CP prévus'),
        ],
        rows: impact.years.map((y) => [
          y.year,
          ...movedCells(y.engaged),
          ...movedCells(y.reserved),
          ...movedCells(y.planned),
        ]),
      },
      {
        name: 'Fonds européens n+3',
        title: 'Fonds européens : tranches annuelles et dégagement d’office (n+3)',
        columns: [
          text('Fonds'),
          { header: 'Tranche', kind: 'year' },
          text('Dégagement au'),
          ...movedColumns('Engagé'),
          ...movedColumns('Reste à payer'),
        ],
        rows: impact.euPace.map((t) => [
          t.funderName,
          t.tranche,
          frenchDate(t.deadline),
          ...movedCells(t.engaged),
          ...movedCells(t.remaining),
        ]),
      },
    ],
  };
}
