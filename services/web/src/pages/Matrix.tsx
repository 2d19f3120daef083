import { toDecimalString } from '@cvl/money';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useApi } from '../api';
import { Async } from '../components/Async';
import { Table } from '../components/Table';
import { FIGURE_LABELS, type Figures } from '../figures';
import { cents, date, euros } from '../format';
import { funderOptions, nameOf, useNames, type Names } from '../names';
import { Link, navigate, withQuery } from '../router';
import { SourceText } from './Commitment';

interface MatrixRow {
  funder: string;
  stake: string;
  quartier: string;
  year: number;
  commitments: number;
  figures: Figures;
}

interface Provenance {
  total: string;
  commitments: {
    id: string;
    label: string;
    status: string;
    figures: Figures;
    events: {
      eventId: string;
      change: string;
      actor: { subject: string; organisation: string };
      source: Parameters<typeof SourceText>[0]['source'];
      effectiveDate: string;
    }[];
  }[];
}

const DIMENSIONS: { key: 'quartier' | 'stake' | 'year'; label: string; collection?: keyof Names }[] = [
  { key: 'quartier', label: 'Quartiers', collection: 'quartiers' },
  { key: 'stake', label: 'Enjeux', collection: 'stakes' },
  { key: 'year', label: 'Années' },
];

/** « engagé » sums the three statuses of a commitment's life; the others are one figure each. */
const FIGURE_CHOICES: { key: string; label: string; of: (f: Figures) => bigint }[] = [
  {
    key: 'engage',
    label: 'Engagé (indicatif + conditionnel + ferme)',
    of: (f) => cents(f.indicative) + cents(f.conditional) + cents(f.firm),
  },
  ...FIGURE_LABELS.map((f) => ({
    key: f.key as string,
    label: f.label,
    of: (figures: Figures) => cents(figures[f.key] ?? '0.00'),
  })),
];

export function MatrixPage({ query }: { query: URLSearchParams }) {
  const names = useNames();
  const by = DIMENSIONS.find((d) => d.key === query.get('colonnes')) ?? DIMENSIONS[0];
  const figure = FIGURE_CHOICES.find((f) => f.key === query.get('montant')) ?? FIGURE_CHOICES[0];
  const year = query.get('annee') ?? '';
  const funderFilter = query.get('financeur') ?? '';
  const loaded = useApi<{ rows: MatrixRow[] }>(`/api/reporting/co-financing${year ? `?year=${year}` : ''}`);
  const cell = query.get('case');
  const here = '/matrice';
  return (
    <>
      <h1>Matrice de cofinancement</h1>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <RadioButtons
            legend="Colonnes"
            name="colonnes"
            options={DIMENSIONS.map((d) => ({
              label: d.label,
              nativeInputProps: {
                checked: d.key === by.key,
                onChange: () => navigate(withQuery(here, query, { colonnes: d.key, case: undefined })),
              },
            }))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Montant"
            nativeSelectProps={{
              value: figure.key,
              onChange: (event) => navigate(withQuery(here, query, { montant: event.target.value, case: undefined })),
            }}
          >
            {FIGURE_CHOICES.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </Select>
          <Select
            label="Année"
            nativeSelectProps={{
              value: year,
              onChange: (event) => navigate(withQuery(here, query, { annee: event.target.value, case: undefined })),
            }}
          >
            <option value="">Toutes les années</option>
            {[2015, 2016, 2017, 2018, 2019, 2020].map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Financeur"
            nativeSelectProps={{
              value: funderFilter,
              onChange: (event) => navigate(withQuery(here, query, { financeur: event.target.value, case: undefined })),
            }}
          >
            <option value="">Tous les financeurs</option>
            {funderOptions(names)}
          </Select>
        </div>
      </div>
      <Async loaded={loaded} what="la matrice">
        {({ rows }) => {
          const kept = rows.filter((row) => !funderFilter || row.funder === funderFilter);
          const funders = [...new Set(kept.map((r) => r.funder))];
          const columns = [...new Set(kept.map((r) => String(r[by.key])))].sort();
          const sum = (match: (row: MatrixRow) => boolean) =>
            kept.filter(match).reduce((total, row) => total + figure.of(row.figures), 0n);
          const label = (code: string) => (by.collection ? nameOf(names, by.collection, code) : code);
          const provenanceQuery = (funder: string, column: string) => `${funder}|${column}`;
          return (
            <>
              <Table
                caption={`${figure.label} — financeurs × ${by.label.toLowerCase()}${year ? `, ${year}` : ''} (cliquez une case pour sa provenance)`}
                headers={['Financeur', ...columns.map(label), 'Total']}
                amounts={columns.map((_, i) => i + 1).concat(columns.length + 1)}
                rows={funders.map((funder) => [
                  nameOf(names, 'funders', funder),
                  ...columns.map((column) => {
                    const value = sum((r) => r.funder === funder && String(r[by.key]) === column);
                    // The placeholder « (non rattaché) » is no code a provenance can be asked by: its amount stays plain.
                    if (value === 0n) return '—';
                    if (column.startsWith('(')) return euros(toDecimalString(value));
                    return (
                      <Link
                        key={column}
                        href={withQuery(here, query, { case: provenanceQuery(funder, column) })}
                        aria-label={`${nameOf(names, 'funders', funder)}, ${label(column)} : ${euros(toDecimalString(value))} — voir la provenance`}
                      >
                        {euros(toDecimalString(value))}
                      </Link>
                    );
                  }),
                  euros(toDecimalString(sum((r) => r.funder === funder))),
                ])}
                footer={[
                  'Total',
                  ...columns.map((column) => euros(toDecimalString(sum((r) => String(r[by.key]) === column)))),
                  euros(toDecimalString(sum(() => true))),
                ]}
              />
              {cell && <CellProvenance cell={cell} by={by.key} year={year} figure={figure.key} names={names} />}
            </>
          );
        }}
      </Async>
    </>
  );
}

function CellProvenance({
  cell,
  by,
  year,
  figure,
  names,
}: {
  cell: string;
  by: string;
  year: string;
  figure: string;
  names: Names;
}) {
  const [funder, column] = cell.split('|');
  const params = new URLSearchParams({ funder, [by]: column });
  if (year && by !== 'year') params.set('year', year);
  // « engagé » is three figures: its provenance is that of each, listed together by the ledger's commitments.
  const figures = figure === 'engage' ? ['indicative', 'conditional', 'firm'] : [figure];
  return (
    <section aria-labelledby="provenance" className="fr-mt-4w">
      <h2 id="provenance" className="fr-h4">
        D’où vient cette case : {nameOf(names, 'funders', funder)}, {column}
      </h2>
      {figures.map((f) => (
        <ProvenanceOf key={f} path={`/api/reporting/provenance?${params}&figure=${f}`} figure={f} />
      ))}
    </section>
  );
}

function ProvenanceOf({ path, figure }: { path: string; figure: string }) {
  const loaded = useApi<Provenance>(path);
  const label = FIGURE_LABELS.find((f) => f.key === figure)?.label ?? figure;
  return (
    <Async loaded={loaded} what="la provenance">
      {(provenance) =>
        provenance.commitments.length === 0 ? null : (
          <Table
            caption={`${label} : ${euros(provenance.total)} — engagements et écritures`}
            headers={['Engagement', label, 'Écritures (date d’effet, changement, source)']}
            amounts={[1]}
            rows={provenance.commitments.map((c) => [
              <Link key={c.id} href={`/engagements/${encodeURIComponent(c.id)}`}>
                {c.label}
              </Link>,
              euros(c.figures[figure as keyof Figures]),
              <ul key="e">
                {c.events.map((e) => (
                  <li key={e.eventId}>
                    {date(e.effectiveDate)} — {e.change} — <SourceText source={e.source} />
                  </li>
                ))}
              </ul>,
            ])}
          />
        )
      }
    </Async>
  );
}
