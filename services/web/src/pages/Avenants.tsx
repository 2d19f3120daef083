import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { parseAmount, toDecimalString } from '@cvl/money';
import { useState, type ReactNode } from 'react';
import { apiSend, useApi } from '../api';
import { Async, ErrorAlert } from '../components/Async';
import { DownloadButtons, exportFiles } from '../components/Downloads';
import { Table } from '../components/Table';
import { date, instant, todayInParis } from '../format';
import { Link, navigate } from '../router';
import type { Principal } from '../session';

// Projets d'avenant: a draft's changes simulated on a copy of the ledger (nothing written), shared with the
// co-funders it concerns, approved by each, then signed into the ledger. The API decides every rule; this page shows
// its answers in the users' words and sends what they ask.

interface Moved {
  before: string;
  after: string;
  delta: string;
  formatted: { before: string; after: string; delta: string };
}

interface Outcome {
  index: number;
  actionLabel: string;
  subject: string;
  outcome: 'accepte' | 'refuse';
  outcomeLabel: string;
  refusal?: { message: string; field?: string; excessFormatted?: string };
}

interface Impact {
  funders: { funder: string; funderName: string; firm: Moved; reserved: Moved }[];
  commitments: {
    commitmentId: string;
    label: string;
    funderName: string;
    statusBefore: string | null;
    statusAfter: string | null;
    amount: Moved;
  }[];
  operations: { operation: string; label: string; total: Moved; funders: (Moved & { funderName: string })[] }[];
  years: { year: number; engaged: Moved; reserved: Moved; planned: Moved }[];
  euPace: { funderName: string; tranche: number; deadline: string; engaged: Moved; remaining: Moved }[];
}

interface Simulation {
  ledgerRevision: number;
  outcomes: Outcome[];
  refused: number;
  impact: Impact;
}

interface Named {
  code: string;
  name: string;
}

interface Draft {
  draftId: string;
  title: string;
  kindLabel: string;
  status: 'projet' | 'signe' | 'abandonne';
  statusLabel: string;
  version: number;
  author: { subject: string; organisation: Named };
  updatedAt: string;
  sharedWith: Named[];
  concerned: Named[];
  approvals: { organisation: Named; subject: string; version: number; current: boolean; at: string }[];
  approvalsMissing: Named[];
  simulation: Simulation;
  signed?: { act: { reference: string; date: string }; by: string; at: string; changesBooked: number };
  abandoned?: { by: string; at: string; reason: string };
}

interface DraftSummary {
  draftId: string;
  title: string;
  kindLabel: string;
  statusLabel: string;
  version: number;
  changes: number;
  updatedAt: string;
}

const STATUS_WORDS: Record<string, string> = {
  indicative: 'indicatif',
  conditional: 'conditionnel',
  firm: 'ferme',
  lapsed: 'caduc',
};
const status = (s: string | null) => (s ? (STATUS_WORDS[s] ?? s) : '—');
const steers = (principal: Principal) => principal.roles.some((r) => r === 'pilotage' || r === 'admin');

/** Three cells of a figure that moves: before, after, and the change signed (« +300 000,00 € »). */
const movedCells = (m: Moved) => [m.formatted.before, m.formatted.after, <strong key="d">{m.formatted.delta}</strong>];

/** What the ledger answers each change, and every figure the draft moves. */
export function SimulationTables({ simulation }: { simulation: Simulation }) {
  const { outcomes, impact } = simulation;
  return (
    <>
      {simulation.refused > 0 ? (
        <div className="fr-alert fr-alert--warning fr-mb-3w" role="status">
          <h3 className="fr-alert__title">
            {simulation.refused} changement{simulation.refused > 1 ? 's' : ''} refusé
            {simulation.refused > 1 ? 's' : ''} par le registre
          </h3>
          <p>
            Corrigez-les avant de soumettre le projet : les écarts ci-dessous ne comptent que les changements acceptés.
          </p>
        </div>
      ) : (
        <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
          <h3 className="fr-alert__title">Tous les changements seraient acceptés par le registre</h3>
          <p>Simulation sur le registre à sa version {simulation.ledgerRevision} : rien n’y a été écrit.</p>
        </div>
      )}
      <Table
        caption="Réponse du registre à chaque changement"
        headers={['N°', 'Changement', 'Objet', 'Réponse', 'Dépassement', 'Motif du refus']}
        amounts={[4]}
        rows={outcomes.map((o) => [
          o.index + 1,
          o.actionLabel,
          o.subject,
          o.outcome === 'refuse' ? <strong key="r">{o.outcomeLabel}</strong> : o.outcomeLabel,
          o.refusal?.excessFormatted ?? '',
          o.refusal ? `${o.refusal.message}${o.refusal.field ? ` (champ ${o.refusal.field})` : ''}` : '',
        ])}
      />
      <Table
        caption="Écarts par financeur"
        headers={[
          'Financeur',
          'Ferme avant',
          'Ferme après',
          'Écart ferme',
          'Réservé avant',
          'Réservé après',
          'Écart réservé',
        ]}
        amounts={[1, 2, 3, 4, 5, 6]}
        rows={impact.funders.map((f) => [f.funderName, ...movedCells(f.firm), ...movedCells(f.reserved)])}
      />
      <Table
        caption="Écarts par engagement"
        headers={['Engagement', 'Financeur', 'Statut avant', 'Statut après', 'Avant', 'Après', 'Écart']}
        amounts={[4, 5, 6]}
        rows={impact.commitments.map((c) => [
          <Link key="c" href={`/engagements/${encodeURIComponent(c.commitmentId)}`}>
            {c.label}
          </Link>,
          c.funderName,
          status(c.statusBefore),
          status(c.statusAfter),
          ...movedCells(c.amount),
        ])}
      />
      <Table
        caption="Écarts par opération (part de chaque cofinanceur)"
        headers={['Opération', 'Financeur', 'Avant', 'Après', 'Écart']}
        amounts={[2, 3, 4]}
        rows={impact.operations.flatMap((o) => [
          [<strong key="o">{o.label}</strong>, 'total', ...movedCells(o.total)],
          ...o.funders.map((f) => [o.label, f.funderName, ...movedCells(f)]),
        ])}
      />
      <Table
        caption="Écarts par année : AE, réservé, CP prévus"
        headers={['Année', 'Écart AE', 'Écart réservé', 'Écart CP prévus']}
        amounts={[1, 2, 3]}
        rows={impact.years.map((y) => [
          y.year,
          y.engaged.formatted.delta,
          y.reserved.formatted.delta,
          y.planned.formatted.delta,
        ])}
      />
      <Table
        caption="Fonds européens : tranches annuelles et dégagement d’office (n+3)"
        headers={[
          'Fonds',
          'Tranche',
          'Dégagée si non payée au',
          'Engagé avant',
          'Engagé après',
          'Reste à payer avant',
          'Reste à payer après',
        ]}
        amounts={[3, 4, 5, 6]}
        rows={impact.euPace.map((t) => [
          t.funderName,
          t.tranche,
          date(t.deadline),
          t.engaged.formatted.before,
          t.engaged.formatted.after,
          t.remaining.formatted.before,
          t.remaining.formatted.after,
        ])}
      />
    </>
  );
}

type Action = 'modifier-montant' | 'degager' | 'inscrire-engagement';
const ACTION_LABELS: Record<Action, string> = {
  'modifier-montant': 'Modifier le montant d’un engagement',
  degager: 'Dégager un engagement (en entier)',
  'inscrire-engagement': 'Inscrire un engagement indicatif',
};

interface ChangeRow {
  action: Action;
  commitmentId: string;
  amount: string;
  funder: string;
  operation: string;
  label: string;
  effectiveDate: string;
}

const emptyRow = (): ChangeRow => ({
  action: 'modifier-montant',
  commitmentId: '',
  amount: '',
  funder: '',
  operation: '',
  label: '',
  effectiveDate: todayInParis(),
});

/** A French amount typed by a person (« 1 400 000,00 », « 1,4 M€ ») as the API's decimal, or the reason it is not one. */
function decimalOf(text: string): string {
  return toDecimalString(parseAmount(text));
}

/** The rows of the form as the API's changes (each with the body of the route that would book it). */
function changesOf(rows: ChangeRow[], kind: string) {
  return rows.map((row) => {
    const common = { action: row.action, effectiveDate: row.effectiveDate };
    if (row.action === 'modifier-montant')
      return { ...common, commitmentId: row.commitmentId, kind, newAmount: decimalOf(row.amount) };
    if (row.action === 'degager') return { ...common, commitmentId: row.commitmentId };
    return {
      ...common,
      commitment: {
        commitmentId: row.commitmentId,
        funder: row.funder,
        status: 'indicative',
        amount: decimalOf(row.amount),
        attribution: {
          label: row.label,
          year: Number(row.effectiveDate.slice(0, 4)),
          scale: 'CALL',
          ...(row.operation ? { operation: row.operation } : {}),
        },
      },
    };
  });
}

function Composer() {
  const [draftId, setDraftId] = useState('');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('clause-de-revoyure');
  const [rows, setRows] = useState<ChangeRow[]>([emptyRow()]);
  const [simulation, setSimulation] = useState<Simulation>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const change = (index: number, patch: Partial<ChangeRow>) => {
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
    setSimulation(undefined);
  };
  const send = async (saving: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const content = { title, kind, changes: changesOf(rows, kind) };
      if (saving) {
        const saved = await apiSend<Draft>(
          'POST',
          '/api/commitments/avenant-drafts',
          JSON.stringify({ draftId, ...content }),
          'application/json',
        );
        navigate(`/avenants/${encodeURIComponent(saved.draftId)}`);
      } else
        setSimulation(
          await apiSend<Simulation>(
            'POST',
            '/api/commitments/avenant-drafts/simulation',
            JSON.stringify(content),
            'application/json',
          ),
        );
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="fr-mt-5w">
      <h2>Nouveau projet</h2>
      <p>
        Chaque changement est décidé comme le registre le déciderait, sur une copie : plafonds, enveloppes et règles de
        cofinancement s’appliquent. Rien n’est écrit au registre avant la signature.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Identifiant du projet"
            hintText="Lettres, chiffres et tirets : revoyure-2018"
            nativeInputProps={{ value: draftId, onChange: (e) => setDraftId(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-5">
          <Input label="Titre" nativeInputProps={{ value: title, onChange: (e) => setTitle(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select label="Nature" nativeSelectProps={{ value: kind, onChange: (e) => setKind(e.target.value) }}>
            <option value="clause-de-revoyure">Clause de revoyure</option>
            <option value="avenant">Avenant</option>
          </Select>
        </div>
      </div>
      {rows.map((row, index) => (
        <fieldset key={index} className="fr-fieldset fr-mb-2w" aria-label={`Changement n° ${index + 1}`}>
          <legend className="fr-fieldset__legend">Changement n° {index + 1}</legend>
          <div className="fr-grid-row fr-grid-row--gutters" style={{ width: '100%' }}>
            <div className="fr-col-12 fr-col-md-4">
              <Select
                label={`Action du changement ${index + 1}`}
                nativeSelectProps={{
                  value: row.action,
                  onChange: (e) => change(index, { action: e.target.value as Action }),
                }}
              >
                {(Object.keys(ACTION_LABELS) as Action[]).map((a) => (
                  <option key={a} value={a}>
                    {ACTION_LABELS[a]}
                  </option>
                ))}
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <Input
                label={`Engagement du changement ${index + 1}`}
                hintText="Son identifiant au registre"
                nativeInputProps={{
                  value: row.commitmentId,
                  onChange: (e) => change(index, { commitmentId: e.target.value }),
                }}
              />
            </div>
            {row.action !== 'degager' && (
              <div className="fr-col-12 fr-col-md-3">
                <Input
                  label={`${row.action === 'modifier-montant' ? 'Nouveau montant' : 'Montant'} du changement ${index + 1}`}
                  hintText="En euros : 1 400 000,00"
                  nativeInputProps={{ value: row.amount, onChange: (e) => change(index, { amount: e.target.value }) }}
                />
              </div>
            )}
            <div className="fr-col-12 fr-col-md-2">
              <Input
                label={`Date d’effet du changement ${index + 1}`}
                nativeInputProps={{
                  type: 'date',
                  value: row.effectiveDate,
                  onChange: (e) => change(index, { effectiveDate: e.target.value }),
                }}
              />
            </div>
            {row.action === 'inscrire-engagement' && (
              <>
                <div className="fr-col-12 fr-col-md-3">
                  <Input
                    label={`Financeur du changement ${index + 1}`}
                    hintText="Son code : region"
                    nativeInputProps={{ value: row.funder, onChange: (e) => change(index, { funder: e.target.value }) }}
                  />
                </div>
                <div className="fr-col-12 fr-col-md-3">
                  <Input
                    label={`Opération du changement ${index + 1}`}
                    hintText="Son identifiant au registre (facultatif)"
                    nativeInputProps={{
                      value: row.operation,
                      onChange: (e) => change(index, { operation: e.target.value }),
                    }}
                  />
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  <Input
                    label={`Libellé du changement ${index + 1}`}
                    nativeInputProps={{ value: row.label, onChange: (e) => change(index, { label: e.target.value }) }}
                  />
                </div>
              </>
            )}
          </div>
          {rows.length > 1 && (
            <Button
              priority="tertiary"
              size="small"
              iconId="fr-icon-delete-line"
              onClick={() => {
                setRows(rows.filter((_, i) => i !== index));
                setSimulation(undefined);
              }}
            >
              Retirer le changement n° {index + 1}
            </Button>
          )}
        </fieldset>
      ))}
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <Button priority="secondary" iconId="fr-icon-add-line" onClick={() => setRows([...rows, emptyRow()])}>
            Ajouter un changement
          </Button>
        </li>
        <li>
          <Button iconId="fr-icon-search-line" disabled={busy} onClick={() => void send(false)}>
            {busy ? 'Simulation…' : 'Simuler'}
          </Button>
        </li>
        <li>
          <Button priority="secondary" iconId="fr-icon-save-line" disabled={busy} onClick={() => void send(true)}>
            Enregistrer le projet
          </Button>
        </li>
      </ul>
      {error && <ErrorAlert error={error} what="Projet d’avenant" />}
      {simulation && <SimulationTables simulation={simulation} />}
    </section>
  );
}

export function AvenantsListPage({ principal }: { principal: Principal }) {
  const drafts = useApi<{ drafts: DraftSummary[] }>('/api/commitments/avenant-drafts');
  return (
    <>
      <h1>Projets d’avenant</h1>
      <p>
        Voir l’effet d’un avenant ou d’une clause de revoyure avant de le signer : chaque changement décidé par le
        registre sur une copie, les refus et leurs dépassements, les écarts par financeur, opération et année.
      </p>
      <Async loaded={drafts} what="les projets d’avenant">
        {({ drafts: list }) => (
          <Table
            caption="Projets d’avenant"
            headers={['Projet', 'Nature', 'État', 'Version', 'Changements', 'Mis à jour']}
            rows={list.map((d) => [
              <Link key="d" href={`/avenants/${encodeURIComponent(d.draftId)}`}>
                {d.title}
              </Link>,
              d.kindLabel,
              d.statusLabel,
              d.version,
              d.changes,
              instant(d.updatedAt),
            ])}
          />
        )}
      </Async>
      {steers(principal) && <Composer />}
    </>
  );
}

/** One draft: its state, its approvals, what each role may do with it, and its simulation on today's ledger. */
export function AvenantPage({ principal, id }: { principal: Principal; id: string }) {
  // Each action reloads the draft: the detail is mounted again under a new key (the API knows no cache-busting field).
  const [reload, setReload] = useState(0);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const path = `/api/commitments/avenant-drafts/${encodeURIComponent(id)}`;
  const perform = async (what: string, method: 'POST' | 'PUT', suffix: string, body: unknown) => {
    setError(undefined);
    setDone(undefined);
    try {
      await apiSend(method, `${path}${suffix}`, JSON.stringify(body), 'application/json');
      setDone(what);
      setReload((n) => n + 1);
    } catch (failure) {
      setError(failure as Error);
    }
  };
  return (
    <DraftDetail
      key={reload}
      principal={principal}
      path={path}
      perform={perform}
      onError={setError}
      notices={
        <>
          {done && (
            <div className="fr-alert fr-alert--success fr-mt-3w" role="status">
              <h2 className="fr-alert__title">{done}</h2>
            </div>
          )}
          {error && <ErrorAlert error={error} what="Projet d’avenant" />}
        </>
      }
    />
  );
}

function DraftDetail({
  principal,
  path,
  perform,
  onError,
  notices,
}: {
  principal: Principal;
  path: string;
  perform: (what: string, method: 'POST' | 'PUT', suffix: string, body: unknown) => Promise<void>;
  onError: (error: Error) => void;
  notices: ReactNode;
}) {
  const loaded = useApi<Draft>(path);
  const [act, setAct] = useState({ reference: '', date: todayInParis() });
  return (
    <Async loaded={loaded} what="le projet d’avenant">
      {(draft) => {
        const open = draft.status === 'projet';
        const mine = draft.concerned.some((c) => c.code === principal.organisation);
        const approvedByMe = draft.approvals.some((a) => a.current && a.organisation.code === principal.organisation);
        return (
          <>
            <p className="fr-mb-1w">
              <Link href="/avenants">← Projets d’avenant</Link>
            </p>
            <h1>{draft.title}</h1>
            <p>
              Projet d’{draft.kindLabel} · état : <strong>{draft.statusLabel}</strong> · version {draft.version} · mis à
              jour le {instant(draft.updatedAt)} par {draft.author.organisation.name}
            </p>
            {draft.signed && (
              <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
                <h2 className="fr-alert__title">
                  Signé : {draft.signed.act.reference} du {date(draft.signed.act.date)}
                </h2>
                <p>
                  {draft.signed.changesBooked} changement(s) inscrits au registre le {instant(draft.signed.at)}.
                </p>
              </div>
            )}
            {draft.abandoned && (
              <div className="fr-alert fr-alert--info fr-mb-3w" role="status">
                <h2 className="fr-alert__title">Abandonné le {instant(draft.abandoned.at)}</h2>
                <p>{draft.abandoned.reason}</p>
              </div>
            )}
            <dl>
              <dt>Financeurs concernés</dt>
              <dd>{draft.concerned.map((c) => c.name).join(', ') || 'aucun'}</dd>
              <dt>Communiqué à</dt>
              <dd>{draft.sharedWith.map((c) => c.name).join(', ') || 'personne encore'}</dd>
              <dt>Ont approuvé cette version</dt>
              <dd>
                {draft.approvals
                  .filter((a) => a.current)
                  .map((a) => `${a.organisation.name} (${instant(a.at)})`)
                  .join(', ') || 'aucun'}
              </dd>
              {open && (
                <>
                  <dt>Approbations attendues</dt>
                  <dd>
                    {draft.approvalsMissing.map((c) => c.name).join(', ') || 'aucune : le projet peut être signé'}
                  </dd>
                </>
              )}
            </dl>
            <DownloadButtons files={exportFiles(path, 'projet-avenant')} onError={onError} />
            <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
              {open && steers(principal) && (
                <li>
                  <Button
                    priority="secondary"
                    iconId="fr-icon-send-plane-line"
                    onClick={() =>
                      void perform('Projet communiqué aux financeurs concernés', 'PUT', '/sharing', {
                        organisations: [
                          ...new Set([...draft.sharedWith.map((c) => c.code), ...draft.concerned.map((c) => c.code)]),
                        ],
                      })
                    }
                  >
                    Communiquer aux financeurs concernés
                  </Button>
                </li>
              )}
              {open && mine && principal.roles.includes('financeur') && !approvedByMe && (
                <li>
                  <Button
                    iconId="fr-icon-check-line"
                    onClick={() =>
                      void perform(`Version ${draft.version} approuvée`, 'POST', '/approvals', {
                        version: draft.version,
                      })
                    }
                  >
                    Approuver la version {draft.version}
                  </Button>
                </li>
              )}
            </ul>
            {open && steers(principal) && (
              <section className="fr-mt-3w">
                <h2>Enregistrer la signature</h2>
                <p>
                  Une fois l’avenant signé par les parties : chaque changement est décidé de nouveau sur le registre du
                  jour et inscrit, tous ou aucun, avec l’acte signé pour source.
                </p>
                <div className="fr-grid-row fr-grid-row--gutters">
                  <div className="fr-col-12 fr-col-md-6">
                    <Input
                      label="Référence de l’avenant signé"
                      nativeInputProps={{
                        value: act.reference,
                        onChange: (e) => setAct({ ...act, reference: e.target.value }),
                      }}
                    />
                  </div>
                  <div className="fr-col-12 fr-col-md-3">
                    <Input
                      label="Date de signature"
                      nativeInputProps={{
                        type: 'date',
                        value: act.date,
                        onChange: (e) => setAct({ ...act, date: e.target.value }),
                      }}
                    />
                  </div>
                </div>
                <Button
                  iconId="fr-icon-edit-line"
                  onClick={() => void perform('Avenant signé et inscrit au registre', 'POST', '/signature', { act })}
                >
                  Enregistrer la signature
                </Button>
              </section>
            )}
            {notices}
            {open && (
              <section className="fr-mt-5w">
                <h2>Simulation sur le registre du jour</h2>
                <SimulationTables simulation={draft.simulation} />
              </section>
            )}
          </>
        );
      }}
    </Async>
  );
}
