import { Select } from '@codegouvfr/react-dsfr/Select';
import { useApi } from '../api';
import { Async } from '../components/Async';
import { Table } from '../components/Table';
import { date, euros } from '../format';
import { nameOf, useNames } from '../names';
import { Link, navigate, withQuery } from '../router';
import type { Principal } from '../session';

const PROTOCOL = 'npnru-call';
const ITI = 'iti-call';

interface OperationCard {
  key: string;
  source: string;
  programmeId: string;
  operationId: string;
  label: string;
  owner: string;
  status: string;
  cost: string;
  funders: { funder: string; booking: string; committed: string; figures: { firm: string; paid: string } }[];
}

function OperationCards() {
  const names = useNames();
  const loaded = useApi<{ operations: OperationCard[] }>('/api/reporting/operations');
  return (
    <Async loaded={loaded} what="les fiches opérations">
      {({ operations }) => (
        <Table
          caption="Opérations, tous programmes : coût, état et engagement de chaque financeur"
          headers={['Opération', 'Maître d’ouvrage', 'État', 'Coût', 'Financeurs (engagé · ferme · payé)']}
          amounts={[3]}
          rows={operations.map((op) => [
            op.label,
            nameOf(names, 'funders', op.owner),
            op.status,
            euros(op.cost),
            <ul key={op.key}>
              {op.funders.map((f) => (
                <li key={f.funder}>
                  {nameOf(names, 'funders', f.funder)} : {euros(f.committed)} · {euros(f.figures.firm)} ·{' '}
                  {euros(f.figures.paid)}
                </li>
              ))}
            </ul>,
          ])}
        />
      )}
    </Async>
  );
}

interface Protocol {
  label: string;
  status: string;
  versions: { version: number; act: { reference: string; date: string } }[];
  quartiers: { code: string; name: string; interest: string }[];
  parties: { code: string; name: string; role: string }[];
  purchasingGroup: { code: string; weight?: number }[];
}

interface FinancialTable {
  version: number | 'en cours';
  rows: {
    quartier: string;
    operationId: string;
    operationLabel: string;
    eligibleBase: string;
    funder: string;
    amount: string;
    rate: string;
  }[];
  totals: { byFunder: { key: string; amount: string }[]; all: string };
}

interface TableDiff {
  changes: { operationId: string; funder: string; before: string; after: string; delta: string; change: string }[];
}

const STATUS_WORDS: Record<string, string> = {
  draft: 'en préparation',
  submitted: 'soumis',
  'committee-held': 'comité d’engagement tenu',
  signed: 'signé',
};

function ProtocolSection({ query }: { query: URLSearchParams }) {
  const names = useNames();
  const protocol = useApi<Protocol>(`/api/renewal-urban/protocols/${PROTOCOL}`);
  const version = query.get('version') ?? '';
  const table = useApi<FinancialTable>(
    `/api/renewal-urban/protocols/${PROTOCOL}/financial-table${version ? `?version=${version}` : ''}`,
  );
  const from = query.get('de') ?? '';
  const to = query.get('a') ?? '';
  const diff = useApi<TableDiff>(
    from && to ? `/api/renewal-urban/protocols/${PROTOCOL}/financial-table/diff?from=${from}&to=${to}` : undefined,
  );
  const here = '/operations/npnru';
  return (
    <Async loaded={protocol} what="le protocole">
      {(p) => (
        <>
          <h2>{p.label}</h2>
          <p>
            État : <strong>{STATUS_WORDS[p.status] ?? p.status}</strong> · versions signées : {p.versions.length}
          </p>
          <Table
            caption="Quartiers du protocole (liste NPNRU de l’ANRU)"
            headers={['Quartier', 'Intérêt']}
            rows={p.quartiers.map((q) => [q.name, q.interest === 'national' ? 'national' : 'régional'])}
          />
          <Table
            caption="Parties au protocole"
            headers={['Partie', 'Rôle', 'Groupement de commandes (clé)']}
            rows={p.parties.map((party) => {
              const member = p.purchasingGroup.find((m) => m.code === party.code);
              return [
                party.name,
                party.role,
                member
                  ? member.weight === undefined
                    ? 'membre (clé à définir)'
                    : `membre (poids ${member.weight})`
                  : '—',
              ];
            })}
          />
          <h2 className="fr-h4">Maquette financière</h2>
          <Select
            label="Version de la maquette"
            nativeSelectProps={{
              value: version,
              onChange: (event) => navigate(withQuery(here, query, { version: event.target.value })),
            }}
          >
            <option value="">En cours (non signée)</option>
            {p.versions.map((v) => (
              <option key={v.version} value={String(v.version)}>
                Version {v.version} — {v.act.reference} du {date(v.act.date)}
              </option>
            ))}
          </Select>
          <Async loaded={table} what="la maquette">
            {(t) => (
              <Table
                caption={`Maquette financière — ${t.version === 'en cours' ? 'en cours' : `version ${t.version}`} : quartier × opération × financeur`}
                headers={['Quartier', 'Opération', 'Assiette HT', 'Financeur', 'Montant', 'Taux']}
                amounts={[2, 4]}
                rows={t.rows.map((r) => [
                  nameOf(names, 'quartiers', r.quartier),
                  r.operationLabel,
                  euros(r.eligibleBase),
                  nameOf(names, 'funders', r.funder),
                  euros(r.amount),
                  r.rate,
                ])}
                footer={['Total', '', '', '', euros(t.totals.all), '']}
              />
            )}
          </Async>
          {p.versions.length >= 2 && (
            <>
              <h2 className="fr-h4">Comparer deux versions signées</h2>
              <div className="fr-grid-row fr-grid-row--gutters">
                {[
                  ['de', 'Version de départ', from],
                  ['a', 'Version d’arrivée', to],
                ].map(([key, label, value]) => (
                  <div key={key} className="fr-col-12 fr-col-md-6">
                    <Select
                      label={label}
                      nativeSelectProps={{
                        value,
                        onChange: (event) => navigate(withQuery(here, query, { [key]: event.target.value })),
                      }}
                    >
                      <option value="">Choisir</option>
                      {p.versions.map((v) => (
                        <option key={v.version} value={String(v.version)}>
                          Version {v.version} — {v.act.reference}
                        </option>
                      ))}
                    </Select>
                  </div>
                ))}
              </div>
              {from && to && (
                <Async loaded={diff} what="la comparaison">
                  {(d) => (
                    <Table
                      caption={`Ce que l’avenant a changé, de la version ${from} à la version ${to}`}
                      headers={['Opération', 'Financeur', 'Avant', 'Après', 'Écart', 'Changement']}
                      amounts={[2, 3, 4]}
                      rows={d.changes.map((c) => [
                        // The operation's name, as the maquette gives it; its code only if the maquette has it no more.
                        (table.state === 'ready' &&
                          table.data.rows.find((r) => r.operationId === c.operationId)?.operationLabel) ||
                          c.operationId,
                        nameOf(names, 'funders', c.funder),
                        euros(c.before),
                        euros(c.after),
                        euros(c.delta),
                        c.change,
                      ])}
                    />
                  )}
                </Async>
              )}
            </>
          )}
        </>
      )}
    </Async>
  );
}

interface ItiProgramme {
  axes: { axis: number; label: string; amount: string; programmed: string; available: string }[];
  operations: {
    operationId: string;
    label?: string;
    axis: number;
    status?: string;
    programmed?: string;
    paid?: string;
  }[];
}

interface Tranche {
  tranche: number;
  deadline: string;
  programmed: string;
  paid: string;
  released: string;
  remaining: string;
  atRisk: string;
  explanation: string;
}

function ItiSection() {
  const loaded = useApi<ItiProgramme>(`/api/iti-feder/programmes/${ITI}`);
  const forecast = useApi<Tranche[]>(`/api/iti-feder/programmes/${ITI}/degagement-forecast`);
  return (
    <Async loaded={loaded} what="le programme ITI">
      {(p) => (
        <>
          <h2>Investissement territorial intégré (FEDER)</h2>
          <Table
            caption="Axes de l’ITI : enveloppe, programmé, disponible"
            headers={['Axe', 'Enveloppe', 'Programmé', 'Disponible']}
            amounts={[1, 2, 3]}
            rows={p.axes.map((a) => [a.label, euros(a.amount), euros(a.programmed), euros(a.available)])}
          />
          <p>
            {p.operations.length === 0
              ? 'Aucune demande déposée pour l’instant.'
              : `${p.operations.length} opération(s) déposée(s).`}
          </p>
          <Async loaded={forecast} what="la prévision de dégagement">
            {(tranches) =>
              tranches.length === 0 ? (
                <p>Prévision de dégagement (n+3) : aucune tranche programmée, rien à dégager.</p>
              ) : (
                <Table
                  caption="Prévision de dégagement (n+3), par tranche annuelle"
                  headers={[
                    'Tranche',
                    'Échéance',
                    'Programmé',
                    'Payé',
                    'Dégagé',
                    'Reste à payer',
                    'À risque',
                    'Explication',
                  ]}
                  amounts={[2, 3, 4, 5, 6]}
                  rows={tranches.map((t) => [
                    t.tranche,
                    date(t.deadline),
                    euros(t.programmed),
                    euros(t.paid),
                    euros(t.released),
                    euros(t.remaining),
                    euros(t.atRisk),
                    t.explanation,
                  ])}
                />
              )
            }
          </Async>
        </>
      )}
    </Async>
  );
}

export function OperationsPage({
  principal,
  section,
  query,
}: {
  principal: Principal;
  section?: string;
  query: URLSearchParams;
}) {
  const sections = [
    { id: '', label: 'Fiches opérations' },
    ...(principal.roles.some((r) =>
      ['admin', 'pilotage', 'auditeur', 'instructeur-anru', 'financeur', 'maitre-ouvrage'].includes(r),
    )
      ? [{ id: 'npnru', label: 'Protocole NPNRU' }]
      : []),
    ...(principal.roles.some((r) => ['admin', 'pilotage', 'auditeur', 'autorite-gestion'].includes(r))
      ? [{ id: 'iti', label: 'ITI-FEDER' }]
      : []),
  ];
  const current = sections.find((s) => s.id === (section ?? '')) ?? sections[0];
  return (
    <>
      <h1>Opérations</h1>
      <nav aria-label="Sections des opérations" className="fr-mb-3w">
        <ul className="fr-btns-group fr-btns-group--inline-md">
          {sections.map((s) => (
            <li key={s.id}>
              <Link
                className={`fr-btn ${s.id === current.id ? '' : 'fr-btn--secondary'}`}
                href={`/operations${s.id ? `/${s.id}` : ''}`}
                aria-current={s.id === current.id ? 'page' : undefined}
              >
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current.id === 'npnru' ? (
        <ProtocolSection query={query} />
      ) : current.id === 'iti' ? (
        <ItiSection />
      ) : (
        <OperationCards />
      )}
    </>
  );
}
