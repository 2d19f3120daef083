import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useApi } from '../api';
import { readsWholeContract } from '../access';
import { Async } from '../components/Async';
import { Table } from '../components/Table';
import { FIGURE_LABELS, type Figures } from '../figures';
import { cents, date, euros } from '../format';
import { funderOptions, nameOf, useNames, type Names } from '../names';
import { Link, navigate, withQuery } from '../router';
import type { Principal } from '../session';

interface StatementCommitment {
  id: string;
  label: string;
  status: string;
  statusLabel: string;
  isPool: boolean;
  figures: Figures;
}

interface Statement {
  at: { asOf?: string };
  funder: { code: string; name: string };
  totals: Figures;
  by: Record<string, { key: string; figures: Figures }[]>;
  commitments: StatementCommitment[];
  awaitingConditions: { conditionId: string; label: string; amount: string }[];
  pourMemoire?: {
    figureId: string;
    text: string;
    wording: string;
    period?: { fromYear: number; toYear: number };
    line: number;
  }[];
}

const BREAKDOWNS: { key: string; label: string; collection?: keyof Names }[] = [
  { key: 'programme', label: 'Par programme', collection: 'programmes' },
  { key: 'quartier', label: 'Par quartier', collection: 'quartiers' },
  { key: 'stake', label: 'Par enjeu', collection: 'stakes' },
  { key: 'year', label: 'Par année' },
];

/** Which commitments make a total: those with a non-zero amount in that figure. */
const makes = (figure: keyof Figures) => (c: StatementCommitment) => cents(c.figures[figure] ?? '0.00') !== 0n;

export function StatementPage({
  principal,
  funder: asked,
  query,
}: {
  principal: Principal;
  funder?: string;
  query: URLSearchParams;
}) {
  const names = useNames();
  // A financeur reads its own statement; the contract team and the auditors choose whose.
  const whole = readsWholeContract(principal);
  const funder = asked ?? (whole ? '' : principal.organisation);
  const asOf = query.get('arrete') ?? '';
  const figure = (query.get('statut') ?? '') as keyof Figures | '';
  const path = funder
    ? `/api/commitments/funders/${encodeURIComponent(funder)}/statement${asOf ? `?asOf=${asOf}` : ''}`
    : undefined;
  const loaded = useApi<Statement>(path);
  const here = `/releve/${encodeURIComponent(funder)}`;
  return (
    <>
      <h1>{funder ? `Relevé de ${nameOf(names, 'funders', funder)}` : 'Relevé d’un financeur'}</h1>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        {readsWholeContract(principal) && (
          <div className="fr-col-12 fr-col-md-6">
            <Select
              label="Financeur"
              nativeSelectProps={{
                value: funder,
                onChange: (event) =>
                  navigate(withQuery(`/releve/${encodeURIComponent(event.target.value)}`, query, {})),
              }}
            >
              {funderOptions(names)}
            </Select>
          </div>
        )}
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Arrêté au"
            hintText="La situation à cette date d’effet (vide : aujourd’hui)"
            nativeInputProps={{
              type: 'date',
              value: asOf,
              onChange: (event) => navigate(withQuery(here, query, { arrete: event.target.value })),
            }}
          />
        </div>
      </div>
      {!funder && <p>Choisissez le financeur dont vous voulez le relevé.</p>}
      {funder && (
        <Async loaded={loaded} what="le relevé">
          {(statement) => {
            const listed = figure ? statement.commitments.filter(makes(figure)) : statement.commitments;
            const figureLabel = FIGURE_LABELS.find((f) => f.key === figure)?.label.toLowerCase();
            return (
              <>
                <p>
                  Situation {statement.at.asOf ? `arrêtée au ${date(statement.at.asOf)}` : 'à ce jour'}. Cliquez un
                  total pour voir les engagements qui le font.
                </p>
                <Table
                  caption="Totaux du financeur"
                  headers={FIGURE_LABELS.map((f) => f.label)}
                  amounts={[0, 1, 2, 3, 4]}
                  rows={[
                    FIGURE_LABELS.map((f) => (
                      <Link
                        key={f.key}
                        href={`${withQuery(here, query, { statut: f.key })}#engagements`}
                        aria-label={`${f.label} : ${euros(statement.totals[f.key])} — voir les engagements`}
                      >
                        {euros(statement.totals[f.key])}
                      </Link>
                    )),
                  ]}
                />
                <h2 id="engagements" className="fr-h4">
                  Engagements{figureLabel ? ` — montant ${figureLabel}` : ''} ({listed.length})
                </h2>
                {figure && (
                  <p>
                    <Link href={withQuery(here, query, { statut: undefined })}>Voir tous les engagements</Link>
                  </p>
                )}
                <Table
                  caption={`Engagements de ${statement.funder.name}${figureLabel ? ` (${figureLabel})` : ''}`}
                  headers={['Engagement', 'Statut', ...FIGURE_LABELS.map((f) => f.label)]}
                  amounts={[2, 3, 4, 5, 6]}
                  rows={listed.map((c) => [
                    <Link
                      key={c.id}
                      href={withQuery(`/engagements/${encodeURIComponent(c.id)}`, new URLSearchParams(), {
                        arrete: asOf,
                      })}
                    >
                      {c.label}
                    </Link>,
                    `${c.statusLabel}${c.isPool ? ' (enveloppe commune)' : ''}`,
                    ...FIGURE_LABELS.map((f) => euros(c.figures[f.key])),
                  ])}
                  footer={
                    figure ? undefined : ['Total', '', ...FIGURE_LABELS.map((f) => euros(statement.totals[f.key]))]
                  }
                />
                {BREAKDOWNS.map(({ key, label, collection }) => (
                  <Table
                    key={key}
                    caption={label}
                    headers={[
                      label.replace('Par ', '').replace(/^./, (c) => c.toUpperCase()),
                      ...FIGURE_LABELS.map((f) => f.label),
                    ]}
                    amounts={[1, 2, 3, 4, 5]}
                    rows={(statement.by[key] ?? []).map((row) => [
                      collection ? nameOf(names, collection, row.key) : row.key,
                      ...FIGURE_LABELS.map((f) => euros(row.figures[f.key])),
                    ])}
                  />
                ))}
                {statement.awaitingConditions.length > 0 && (
                  <Table
                    caption="En attente d’une condition suspensive"
                    headers={['Condition', 'Montant conditionnel']}
                    amounts={[1]}
                    rows={statement.awaitingConditions.map((c) => [c.label, euros(c.amount)])}
                  />
                )}
                {(statement.pourMemoire ?? []).length > 0 && (
                  <Table
                    caption="Pour mémoire (sans montant, hors totaux)"
                    headers={['Participation', 'Période', 'Ligne du document']}
                    rows={(statement.pourMemoire ?? []).map((m) => [
                      m.wording,
                      m.period ? `${m.period.fromYear}-${m.period.toYear}` : '—',
                      <Link key={m.figureId} href={`/document/${m.line}`}>
                        ligne {m.line}
                      </Link>,
                    ])}
                  />
                )}
              </>
            );
          }}
        </Async>
      )}
    </>
  );
}
