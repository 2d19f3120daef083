import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { download } from '../api';
import { readsWholeContract } from '../access';
import { ErrorAlert } from '../components/Async';
import type { Principal } from '../session';

interface Export {
  label: string;
  path: string;
  formats: string[];
  /** Who may download it: the whole contract's readers, or a financeur for its own part too. */
  financeur: boolean;
}

const TABLES = ['csv', 'xlsx', 'pdf', 'json'];
const FORMAT_NAMES: Record<string, string> = { csv: 'CSV', xlsx: 'Excel (XLSX)', pdf: 'PDF', json: 'JSON' };
const ACCEPT: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  json: 'application/json',
};

function exportsFor(principal: Principal): Export[] {
  const own = encodeURIComponent(principal.organisation);
  const whole = readsWholeContract(principal);
  const list: Export[] = [
    {
      label: 'Relevé des engagements (grand livre, scellé : vérifiable hors ligne par cvl audit verify)',
      path: `/api/commitments/funders/${own}/statement`,
      formats: TABLES,
      financeur: true,
    },
    {
      label: 'Restitution du financeur (modèles de lecture, non scellée)',
      path: `/api/reporting/funders/${own}/statement`,
      formats: TABLES,
      financeur: true,
    },
    {
      label: `Annexe AP/CP de l’exercice ${new Date().getFullYear()} (autorisations de programme et crédits de paiement)`,
      path: `/api/commitments/funders/${own}/ap-cp-annex?year=${new Date().getFullYear()}`,
      formats: TABLES,
      financeur: true,
    },
    {
      label: 'AE/CP du financeur par année',
      path: `/api/commitments/funders/${own}/ae-cp`,
      formats: TABLES,
      financeur: true,
    },
    { label: 'Matrice de cofinancement', path: '/api/reporting/co-financing', formats: TABLES, financeur: true },
    { label: 'Fiches opérations', path: '/api/reporting/operations', formats: TABLES, financeur: true },
    { label: 'Conditions suspensives en attente', path: '/api/reporting/conditions', formats: TABLES, financeur: true },
    { label: 'Enveloppes communes à ventiler', path: '/api/reporting/pools', formats: TABLES, financeur: true },
    {
      label: 'Enveloppes des financeurs et axes ITI',
      path: '/api/reporting/envelopes',
      formats: TABLES,
      financeur: true,
    },
    {
      label: 'Classeur complet (une feuille par vue)',
      path: '/api/reporting/workbook',
      formats: ['xlsx', 'pdf', 'csv'],
      financeur: true,
    },
    { label: 'AE/CP de tout le contrat', path: '/api/commitments/ae-cp', formats: TABLES, financeur: false },
    {
      label: 'Maquette financière du protocole NPNRU',
      path: '/api/renewal-urban/protocols/npnru-call/financial-table',
      formats: TABLES,
      financeur: false,
    },
    { label: 'Contrôle d’intégrité', path: '/api/reporting/integrity', formats: TABLES, financeur: false },
  ];
  return list.filter((item) => whole || item.financeur);
}

export function ExportsPage({ principal }: { principal: Principal }) {
  const [error, setError] = useState<Error>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const get = async (item: Export, format: string) => {
    setError(undefined);
    setBusy(`${item.path}:${format}`);
    try {
      const separator = item.path.includes('?') ? '&' : '?';
      setSaved(await download(`${item.path}${separator}format=${format}`, `export.${format}`, ACCEPT[format]));
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <>
      <h1>Exports</h1>
      <p>Chaque vue dans les formats que l’API sert, limitée à ce que votre rôle permet de lire.</p>
      {error && <ErrorAlert error={error} what="Export impossible" />}
      {saved && (
        <p role="status" className="fr-alert fr-alert--success fr-alert--sm fr-mb-2w">
          Téléchargé : {saved}
        </p>
      )}
      <ul className="fr-raw-list">
        {exportsFor(principal).map((item) => (
          <li key={item.path} className="fr-mb-3w">
            <h2 className="fr-h6 fr-mb-1w">{item.label}</h2>
            <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
              {item.formats.map((format) => (
                <li key={format}>
                  <Button
                    priority="secondary"
                    size="small"
                    iconId="fr-icon-download-line"
                    disabled={busy === `${item.path}:${format}`}
                    onClick={() => void get(item, format)}
                    title={`${item.label} — ${FORMAT_NAMES[format]}`}
                  >
                    {FORMAT_NAMES[format]}
                  </Button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
