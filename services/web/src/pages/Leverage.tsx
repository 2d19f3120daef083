import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useApi } from '../api';
import { Async, ErrorAlert } from '../components/Async';
import { BarChart, type Series } from '../components/BarChart';
import { DownloadButtons, exportFiles } from '../components/Downloads';
import { Table } from '../components/Table';
import { euros } from '../format';
import { navigate, withQuery } from '../router';

// The leverage map: per quartier or stake, how much droit commun, crédits spécifiques, ANRU, EU funds and landlords'
// money the ledger holds — the chart and, beside it, the exact table (the chart is described, the table is read).

interface Row {
  key: string;
  name: string;
  amounts: Record<string, string>;
  total: string;
  leverage: string | null;
  years: { year: number; amounts: Record<string, string>; total: string }[];
}

interface LeverageMap {
  axis: 'quartier' | 'stake';
  figureLabel: string;
  kinds: { key: string; label: string }[];
  rows: Row[];
  totals: { amounts: Record<string, string>; total: string; leverage: string | null };
}

/** DSFR illustrative colours, one per kind of money (contrast checked on white), and its name in the legend. */
const KIND_STYLE: Record<string, { colour: string; short: string }> = {
  'droit-commun': { colour: '#3558A2', short: 'droit commun' },
  'credits-specifiques': { colour: '#B34000', short: 'crédits spécifiques' },
  anru: { colour: '#A558A0', short: 'ANRU' },
  'fonds-europeens': { colour: '#18753C', short: 'fonds européens' },
  bailleurs: { colour: '#716043', short: 'bailleurs sociaux' },
  'non-ventile': { colour: '#666666', short: 'non ventilé' },
};

export function LeveragePage({ query }: { query: URLSearchParams }) {
  const by = query.get('par') === 'enjeu' ? 'stake' : 'quartier';
  const figure = query.get('montant') ?? 'engage';
  const path = `/api/commitments/leverage?by=${by}&figure=${encodeURIComponent(figure)}`;
  const loaded = useApi<LeverageMap>(path);
  const [error, setError] = useState<Error>();
  const here = '/leviers';
  return (
    <>
      <h1>Carte des leviers</h1>
      <p>
        Par quartier prioritaire ou par enjeu : le droit commun des partenaires à côté des crédits spécifiques de l’État
        (programme 147), de l’ANRU, des fonds européens et des bailleurs sociaux. L’effet levier est le droit commun
        mobilisé pour un euro de crédits spécifiques.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Une ligne par"
            nativeSelectProps={{
              value: by === 'stake' ? 'enjeu' : 'quartier',
              onChange: (e) => navigate(withQuery(here, query, { par: e.target.value })),
            }}
          >
            <option value="quartier">quartier</option>
            <option value="enjeu">enjeu</option>
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Montant"
            nativeSelectProps={{
              value: figure,
              onChange: (e) => navigate(withQuery(here, query, { montant: e.target.value })),
            }}
          >
            <option value="engage">engagé (tout ce qui est tenu)</option>
            <option value="ferme">ferme</option>
            <option value="paye">payé</option>
          </Select>
        </div>
      </div>
      <DownloadButtons files={exportFiles(path, 'carte-des-leviers')} onError={setError} />
      {error && <ErrorAlert error={error} what="Téléchargement" />}
      <Async loaded={loaded} what="la carte des leviers">
        {(map) => {
          const series: Series[] = map.kinds.map((k) => ({
            key: k.key,
            label: KIND_STYLE[k.key]?.short ?? k.label,
            colour: KIND_STYLE[k.key]?.colour ?? '#666666',
          }));
          // The money held beyond any quartier (the Bassin Minier's programmes) would flatten every bar: it stays in
          // the table, not in the drawing.
          const drawn = map.rows.filter((r) => r.key !== 'non-territorialise');
          return (
            <>
              <BarChart
                title={`Montants ${map.figureLabel}s par ${map.axis === 'quartier' ? 'quartier' : 'enjeu'} et par nature de financement, hors montants non territorialisés`}
                bars={drawn.map((r) => ({ label: r.name, values: r.amounts }))}
                series={series}
              />
              <Table
                caption={`Carte des leviers par ${map.axis === 'quartier' ? 'quartier' : 'enjeu'} (${map.figureLabel})`}
                headers={[
                  map.axis === 'quartier' ? 'Quartier' : 'Enjeu',
                  ...map.kinds.map((k) => k.label),
                  'Total',
                  'Effet levier',
                ]}
                amounts={map.kinds.map((_, i) => i + 1).concat([map.kinds.length + 1])}
                rows={map.rows.map((r) => [
                  r.name,
                  ...map.kinds.map((k) => euros(r.amounts[k.key])),
                  <strong key="t">{euros(r.total)}</strong>,
                  r.leverage ?? '—',
                ])}
                footer={[
                  'Total',
                  ...map.kinds.map((k) => euros(map.totals.amounts[k.key])),
                  euros(map.totals.total),
                  map.totals.leverage ?? '—',
                ]}
              />
              <Table
                caption="Par année"
                headers={[
                  map.axis === 'quartier' ? 'Quartier' : 'Enjeu',
                  'Année',
                  ...map.kinds.map((k) => k.label),
                  'Total',
                ]}
                amounts={map.kinds.map((_, i) => i + 2).concat([map.kinds.length + 2])}
                rows={map.rows.flatMap((r) =>
                  r.years.map((y) => [
                    r.name,
                    y.year,
                    ...map.kinds.map((k) => euros(y.amounts[k.key])),
                    euros(y.total),
                  ]),
                )}
              />
            </>
          );
        }}
      </Async>
    </>
  );
}
