import { frenchDate, type ReportDocument } from '@cvl/exports';
import type { DeadlinesView } from './deadlines.query';

const days = (n: number) => (n < 0 ? `en retard de ${-n} j` : n === 0 ? 'aujourd’hui' : `dans ${n} j`);

/** The deadlines as a file: one line each, late first, with the document line that states the step. */
export function deadlinesReport(view: DeadlinesView, generatedAt: string): ReportDocument {
  const whose = view.funder ? ` — ${view.funder.name}` : '';
  return {
    title: `Échéances du contrat${whose}`,
    subtitle: [
      'Contrat de ville de Lens-Liévin 2015-2020',
      `Au ${frenchDate(view.asOf)}, jusqu’au ${frenchDate(view.until)} : les étapes de gouvernance non réalisées, chacune due le dernier jour de sa fenêtre`,
    ],
    generatedAt,
    fileName: `echeances${view.funder ? `-${view.funder.code}` : ''}-${view.asOf}`,
    ...(view.deadlines.length === 0 ? { notices: ['Aucune échéance sur la période.'] } : {}),
    tables: [
      {
        name: 'Échéances',
        title: 'Échéances',
        columns: [
          { header: 'Échéance', kind: 'text' },
          { header: 'État', kind: 'text' },
          { header: 'Délai', kind: 'text' },
          { header: 'Nature', kind: 'text' },
          { header: 'Étape', kind: 'text' },
          { header: 'Occurrence', kind: 'text' },
          { header: 'Financeurs', kind: 'text' },
          { header: 'Effet', kind: 'text' },
          { header: 'Source', kind: 'text' },
        ],
        rows: view.deadlines.map((d) => [
          frenchDate(d.due),
          d.stateLabel,
          days(d.days),
          d.kindLabel,
          d.label,
          d.occurrence ?? '',
          d.funders.length > 0 ? d.funders.map((f) => f.name).join(', ') : 'tout le contrat',
          d.effect,
          d.line !== undefined ? `l. ${d.line} du contrat` : (d.act ?? ''),
        ]),
      },
    ],
  };
}
