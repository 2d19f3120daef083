import { Card } from '@codegouvfr/react-dsfr/Card';
import { useApi } from '../api';
import { readsWholeContract } from '../access';
import { Async } from '../components/Async';
import { BarChart, STATUS_SERIES } from '../components/BarChart';
import { Table } from '../components/Table';
import { FIGURE_LABELS, statusSegments, type Figures } from '../figures';
import { euros } from '../format';
import { nameOf, useNames } from '../names';
import { Link } from '../router';
import type { Principal } from '../session';

interface AeCp {
  rows: { year: number; engaged: string; paid: string; remaining: string; planned?: string }[];
  totals: { engaged: string; paid: string; remaining: string };
}

function AeCpSection({ path, who }: { path: string; who: string }) {
  const loaded = useApi<AeCp>(path);
  return (
    <section className="fr-mt-4w">
      <h2 className="fr-h4">AE/CP par année — {who}</h2>
      <Async loaded={loaded} what="AE/CP">
        {(aeCp) =>
          aeCp.rows.length === 0 ? (
            <p>
              Aucune autorisation d’engagement ni crédit de paiement : rien n’est encore ferme. L’AE/CP apparaîtra dès
              le premier acte juridique.
            </p>
          ) : (
            <>
              <BarChart
                title={`AE engagées et CP payés par année — ${who}`}
                stacked={false}
                bars={aeCp.rows.map((row) => ({
                  label: String(row.year),
                  values: { engaged: row.engaged, paid: row.paid },
                }))}
                series={[
                  { key: 'engaged', label: 'AE engagées', colour: '#3558A2' },
                  { key: 'paid', label: 'CP payés', colour: '#18753C' },
                ]}
              />
              <Table
                caption={`AE/CP par année — ${who}`}
                headers={['Année', 'AE engagées', 'CP payés', 'Restes à payer en fin d’année']}
                amounts={[1, 2, 3]}
                rows={aeCp.rows.map((row) => [row.year, euros(row.engaged), euros(row.paid), euros(row.remaining)])}
                footer={['Total', euros(aeCp.totals.engaged), euros(aeCp.totals.paid), euros(aeCp.totals.remaining)]}
              />
            </>
          )
        }
      </Async>
    </section>
  );
}

function FunderDashboard({ funder }: { funder: string }) {
  const names = useNames();
  const loaded = useApi<{ funder: { name: string }; totals: Figures }>(
    `/api/commitments/funders/${encodeURIComponent(funder)}/statement`,
  );
  return (
    <>
      <h1>Tableau de bord — {loaded.state === 'ready' ? loaded.data.funder.name : nameOf(names, 'funders', funder)}</h1>
      <Async loaded={loaded} what="vos engagements">
        {(statement) => (
          <>
            <div className="fr-grid-row fr-grid-row--gutters">
              {FIGURE_LABELS.map(({ key, label, status }) => (
                <div key={key} className="fr-col-12 fr-col-md-4 fr-col-lg">
                  <Card
                    title={label}
                    desc={
                      <span className="fr-h5" style={{ whiteSpace: 'nowrap' }}>
                        {euros(statement.totals[key])}
                      </span>
                    }
                    linkProps={{
                      href: `/releve/${encodeURIComponent(funder)}${status ? `?statut=${status}#engagements` : ''}`,
                    }}
                    enlargeLink
                    size="small"
                    titleAs="h2"
                  />
                </div>
              ))}
            </div>
            <BarChart
              title={`Engagements de ${statement.funder.name} par statut`}
              bars={[{ label: statement.funder.name, values: statusSegments(statement.totals) }]}
              series={STATUS_SERIES}
            />
            <p>
              <Link className="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={`/releve/${funder}`}>
                Voir le relevé détaillé, engagement par engagement
              </Link>
            </p>
          </>
        )}
      </Async>
      <AeCpSection
        path={`/api/commitments/funders/${encodeURIComponent(funder)}/ae-cp`}
        who={nameOf(names, 'funders', funder)}
      />
    </>
  );
}

function ContractDashboard() {
  const names = useNames();
  const loaded = useApi<{ funders: { funder: string; figures: Figures }[] }>('/api/commitments/balances');
  return (
    <>
      <h1>Tableau de bord du contrat</h1>
      <Async loaded={loaded} what="les soldes par financeur">
        {(balances) => (
          <>
            <BarChart
              title="Engagements par financeur et par statut"
              bars={balances.funders.map((row) => ({
                label: nameOf(names, 'funders', row.funder),
                values: statusSegments(row.figures),
              }))}
              series={STATUS_SERIES}
            />
            <Table
              caption="Soldes par financeur"
              headers={['Financeur', ...FIGURE_LABELS.map((f) => f.label)]}
              amounts={[1, 2, 3, 4, 5]}
              rows={balances.funders.map((row) => [
                <Link key={row.funder} href={`/releve/${encodeURIComponent(row.funder)}`}>
                  {nameOf(names, 'funders', row.funder)}
                </Link>,
                ...FIGURE_LABELS.map((f) => euros(row.figures[f.key])),
              ])}
            />
          </>
        )}
      </Async>
      <AeCpSection path="/api/commitments/ae-cp" who="tout le contrat" />
    </>
  );
}

function Shortcuts({ title, links }: { title: string; links: { href: string; label: string; desc: string }[] }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="fr-grid-row fr-grid-row--gutters">
        {links.map((link) => (
          <div key={link.href} className="fr-col-12 fr-col-md-6">
            <Card title={link.label} desc={link.desc} linkProps={{ href: link.href }} enlargeLink titleAs="h2" />
          </div>
        ))}
      </div>
    </>
  );
}

export function DashboardPage({ principal }: { principal: Principal }) {
  if (readsWholeContract(principal)) return <ContractDashboard />;
  if (principal.roles.includes('financeur')) return <FunderDashboard funder={principal.organisation} />;
  if (principal.roles.includes('instructeur-anru'))
    return (
      <Shortcuts
        title="Tableau de bord — ANRU"
        links={[
          {
            href: '/operations/npnru',
            label: 'Protocole de préfiguration NPNRU',
            desc: 'Quartiers, parties, groupement de commandes, maquette financière et ses versions.',
          },
        ]}
      />
    );
  if (principal.roles.includes('autorite-gestion'))
    return (
      <Shortcuts
        title="Tableau de bord — autorité de gestion"
        links={[
          {
            href: '/operations/iti',
            label: 'Programme ITI-FEDER',
            desc: 'Axes, programmé, ferme, payé et prévision de dégagement (n+3).',
          },
        ]}
      />
    );
  if (principal.roles.includes('maitre-ouvrage'))
    return (
      <Shortcuts
        title="Tableau de bord — maîtrise d’ouvrage"
        links={[
          {
            href: '/operations',
            label: 'Vos opérations',
            desc: 'Chaque opération dont vous êtes maître d’ouvrage, tous programmes et financeurs.',
          },
        ]}
      />
    );
  return (
    <Shortcuts
      title="Tableau de bord — exploitation"
      links={[
        {
          href: '/imports',
          label: 'Importer un jeu de données',
          desc: 'Vérifier un classeur, voir chaque erreur, puis importer.',
        },
        {
          href: '/controles',
          label: 'Contrôles',
          desc: 'Rapprochement des montants du document et chaînes d’empreintes.',
        },
      ]}
    />
  );
}
