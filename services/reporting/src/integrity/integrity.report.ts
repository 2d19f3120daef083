import type { ReportDocument } from '@cvl/exports';
import type { IntegrityReport } from './integrity';

/** The integrity report as a file: the checks, then every disagreement between reporting and the ledger. */
export function integrityDocument(report: IntegrityReport): ReportDocument {
  return {
    title: `Contrôle d’intégrité — ${report.ok ? 'tout concorde' : 'ANOMALIE'}`,
    subtitle: [
      'Chaînes d’empreintes, équilibre du grand livre, totaux de reporting contre le grand livre, rapprochement des montants du document',
    ],
    generatedAt: report.checkedAt,
    fileName: 'controle-integrite',
    tables: [
      {
        name: 'Contrôles',
        title: 'Contrôles',
        columns: [
          { header: 'Contrôle', kind: 'text' },
          { header: 'Résultat', kind: 'text' },
          { header: 'Détail', kind: 'text' },
        ],
        rows: report.checks.map((c) => [c.check, c.ok ? 'conforme' : 'ANOMALIE', c.detail]),
      },
      {
        name: 'Écarts',
        title: 'Écarts reporting / grand livre',
        columns: [
          { header: 'Financeur', kind: 'text' },
          { header: 'Montant', kind: 'text' },
          { header: 'Reporting', kind: 'text' },
          { header: 'Grand livre', kind: 'text' },
        ],
        rows: report.disagreements.map((d) => [d.funder, d.figure, d.readModel, d.ledger]),
      },
    ],
  };
}
