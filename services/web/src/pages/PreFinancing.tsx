import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { readsWholeContract } from '../access';
import { useApi } from '../api';
import { Async, ErrorAlert } from '../components/Async';
import { BarChart } from '../components/BarChart';
import { DownloadButtons, exportFiles } from '../components/Downloads';
import { Table } from '../components/Table';
import { date, euros } from '../format';
import { funderOptions, useNames } from '../names';
import { navigate } from '../router';
import type { Principal } from '../session';

// A project owner's cash plan: what it spends each month on its operations, what its funders pay it by their
// payment rules, and what it must pre-finance meanwhile — with the rules applied and where they come from.

interface Forecast {
  projectOwner: { code: string; name: string };
  operations: {
    operation: string;
    label: string;
    start: string;
    end: string;
    eligibleBase: string;
    ownShare: string;
    aids: { funderName: string; amount: string; notified: string; rule: string }[];
  }[];
  rules: {
    id: string;
    label: string;
    source: string;
    advanceBasisPoints: number;
    instalmentCeilingBasisPoints: number;
    delayMonths: number;
    balanceDelayMonths: number;
  }[];
  months: { month: string; out: string; in: string; gap: string }[];
  totals: { out: string; in: string; ownShare: string };
  peak: { amount: string; amountFormatted: string; month: string | null };
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
/** « 2017-12 » → « décembre 2017 ». */
const monthWords = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
const percent = (basisPoints: number) => `${(basisPoints / 100).toLocaleString('fr-FR')} %`;

export function PreFinancingPage({ principal, owner }: { principal: Principal; owner?: string }) {
  const names = useNames();
  const whole = readsWholeContract(principal);
  const code = owner ?? (whole ? 'pas-de-calais-habitat' : principal.organisation);
  const path = `/api/commitments/project-owners/${encodeURIComponent(code)}/pre-financing`;
  const loaded = useApi<Forecast>(path);
  const [error, setError] = useState<Error>();
  return (
    <>
      <h1>Préfinancement</h1>
      <p>
        Ce qu’un maître d’ouvrage dépense chaque mois pour ses opérations, ce que ses financeurs lui versent selon leurs
        règles de paiement (avance, acomptes jusqu’à un plafond, solde après service fait, délais usuels), et ce qu’il
        doit avancer entre les deux.
      </p>
      {whole && (
        <Select
          label="Maître d’ouvrage"
          nativeSelectProps={{
            value: code,
            onChange: (e) => navigate(`/tresorerie/${encodeURIComponent(e.target.value)}`),
          }}
        >
          {funderOptions(names)}
        </Select>
      )}
      <DownloadButtons files={exportFiles(path, 'prefinancement')} onError={setError} />
      {error && <ErrorAlert error={error} what="Téléchargement" />}
      <Async loaded={loaded} what="le plan de trésorerie">
        {(forecast) => (
          <>
            <CallOut
              title={`${forecast.projectOwner.name} : ${forecast.peak.amountFormatted} à préfinancer au plus haut`}
            >
              {forecast.peak.month
                ? `Atteint en ${monthWords(forecast.peak.month)}. Dépenses prévues ${euros(forecast.totals.out)}, aides attendues ${euros(forecast.totals.in)}, part propre ${euros(forecast.totals.ownShare)}.`
                : 'Aucune opération datée : rien à préfinancer.'}
            </CallOut>
            <BarChart
              title="Dépenses et aides reçues par mois"
              stacked={false}
              series={[
                { key: 'out', label: 'dépenses', colour: '#B34000' },
                { key: 'in', label: 'aides reçues', colour: '#18753C' },
              ]}
              bars={forecast.months
                .filter((m) => m.out !== '0.00' || m.in !== '0.00')
                .map((m) => ({ label: monthWords(m.month), values: { out: m.out, in: m.in } }))}
            />
            <Table
              caption="Trésorerie mois par mois"
              headers={['Mois', 'Dépenses', 'Aides reçues', 'À préfinancer (cumul)']}
              amounts={[1, 2, 3]}
              rows={forecast.months.map((m) => [monthWords(m.month), euros(m.out), euros(m.in), euros(m.gap)])}
              footer={['Total', euros(forecast.totals.out), euros(forecast.totals.in), '']}
            />
            <Table
              caption="Opérations et aides"
              headers={['Opération', 'Calendrier', 'Financeur', 'Aide', 'Notifiée le', 'Règle']}
              amounts={[3]}
              rows={forecast.operations.flatMap((o) =>
                o.aids.map((a) => [
                  o.label,
                  `${date(o.start)} – ${date(o.end)}`,
                  a.funderName,
                  euros(a.amount),
                  date(a.notified),
                  forecast.rules.find((r) => r.id === a.rule)?.label ?? a.rule,
                ]),
              )}
            />
            <Table
              caption="Règles de paiement appliquées"
              headers={[
                'Règle',
                'Avance',
                'Plafond avance et acomptes',
                'Délai de paiement',
                'Délai du solde',
                'Source',
              ]}
              rows={forecast.rules.map((r) => [
                r.label,
                percent(r.advanceBasisPoints),
                percent(r.instalmentCeilingBasisPoints),
                `${r.delayMonths} mois`,
                `${r.balanceDelayMonths} mois`,
                r.source,
              ])}
            />
          </>
        )}
      </Async>
    </>
  );
}
