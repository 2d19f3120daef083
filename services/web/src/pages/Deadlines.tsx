import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { readsWholeContract } from '../access';
import { useApi } from '../api';
import { Async, ErrorAlert } from '../components/Async';
import { DownloadButtons, exportFiles } from '../components/Downloads';
import { Table } from '../components/Table';
import { date, integer, todayInParis } from '../format';
import { funderOptions, useNames } from '../names';
import { navigate, withQuery } from '../router';
import type { Principal } from '../session';

// The échéances: the contract's governance steps not yet done, the periods that end, each EU fund's n+3 and the
// caducité of State subsidies — late first, then by date. The address holds the reference date, the horizon and
// the funder, so a view can be bookmarked or sent.

interface Deadline {
  due: string;
  state: 'en-retard' | 'a-venir';
  stateLabel: string;
  days: number;
  kindLabel: string;
  label: string;
  occurrence?: string;
  effect: string;
  funders: { code: string; name: string }[];
  ref: string;
  line?: number;
  act?: string;
  amountFormatted?: string;
}

interface DeadlinesView {
  asOf: string;
  until: string;
  funder?: { code: string; name: string };
  deadlines: Deadline[];
}

const HORIZONS = [3, 6, 12, 24, 60];

const delay = (days: number) =>
  days < 0 ? `en retard de ${integer(-days)} j` : days === 0 ? 'aujourd’hui' : `dans ${integer(days)} j`;

export function DeadlinesPage({ principal, query }: { principal: Principal; query: URLSearchParams }) {
  const names = useNames();
  const whole = readsWholeContract(principal);
  const asOf = query.get('au') ?? todayInParis();
  const months = query.get('mois') ?? '12';
  const funder = query.get('financeur') ?? '';
  const params = new URLSearchParams({ asOf, months, ...(funder ? { funder } : {}) });
  const loaded = useApi<DeadlinesView>(`/api/commitments/deadlines?${params}`);
  const [error, setError] = useState<Error>();
  const here = '/echeances';
  return (
    <>
      <h1>Échéances</h1>
      <p>
        Ce qui tombe à échéance et coûte de l’argent s’il est manqué : les étapes du contrat non réalisées (clauses de
        revoyure, avenants, comités, programmations), les fins de période des financeurs, le dégagement d’office (n+3)
        des fonds européens et la caducité des subventions de l’État.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label="Au"
            hintText="La date de référence"
            nativeInputProps={{
              type: 'date',
              value: asOf,
              onChange: (e) => e.target.value && navigate(withQuery(here, query, { au: e.target.value })),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Horizon"
            nativeSelectProps={{
              value: months,
              onChange: (e) => navigate(withQuery(here, query, { mois: e.target.value })),
            }}
          >
            {HORIZONS.map((n) => (
              <option key={n} value={String(n)}>
                {n} mois
              </option>
            ))}
          </Select>
        </div>
        {whole && (
          <div className="fr-col-12 fr-col-md-6">
            <Select
              label="Financeur"
              nativeSelectProps={{
                value: funder,
                onChange: (e) => navigate(withQuery(here, query, { financeur: e.target.value })),
              }}
            >
              <option value="">Tout le contrat</option>
              {funderOptions(names)}
            </Select>
          </div>
        )}
      </div>
      <DownloadButtons
        files={[
          {
            label: 'Agenda (iCalendar)',
            path: `/api/commitments/deadlines/calendar?${params}`,
            accept: 'text/calendar',
            name: 'echeances.ics',
          },
          {
            label: 'Résumé à envoyer (texte)',
            path: `/api/commitments/deadlines/digest?${params}`,
            accept: 'text/plain',
            name: 'echeances.txt',
          },
          ...exportFiles(`/api/commitments/deadlines?${params}`, 'echeances'),
        ]}
        onError={setError}
      />
      {error && <ErrorAlert error={error} what="Téléchargement" />}
      <Async loaded={loaded} what="les échéances">
        {(view) => {
          const late = view.deadlines.filter((d) => d.state === 'en-retard').length;
          return (
            <>
              <p role="status">
                Au {date(view.asOf)}, jusqu’au {date(view.until)}
                {view.funder ? ` — ${view.funder.name}` : ''} : <strong>{integer(late)} en retard</strong>,{' '}
                {integer(view.deadlines.length - late)} à venir.
              </p>
              <Table
                caption="Échéances, les retards d’abord"
                headers={['Échéance', 'État', 'Délai', 'Nature', 'Étape', 'Enjeu', 'Financeurs', 'Source']}
                amounts={[5]}
                rows={view.deadlines.map((d) => [
                  date(d.due),
                  <Badge key="s" small severity={d.state === 'en-retard' ? 'error' : 'info'} noIcon>
                    {d.stateLabel}
                  </Badge>,
                  delay(d.days),
                  d.kindLabel,
                  <span key="l" title={d.effect}>
                    {d.label}
                    {d.occurrence ? ` (${d.occurrence})` : ''}
                    <br />
                    <span className="fr-text--xs">{d.effect}</span>
                  </span>,
                  d.amountFormatted ?? '',
                  d.funders.length > 0 ? d.funders.map((f) => f.name).join(', ') : 'tout le contrat',
                  d.line !== undefined ? `l. ${d.line} du contrat` : (d.act ?? 'grand livre'),
                ])}
              />
            </>
          );
        }}
      </Async>
    </>
  );
}
