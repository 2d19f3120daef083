import { cents, euros, eurosOfCents } from '../format';

export interface Series {
  key: string;
  label: string;
  /** A DSFR illustrative colour (accessible contrast on white). */
  colour: string;
}

export interface Bar {
  label: string;
  values: Record<string, string>;
}

const WIDTH = 720;
const ROW = 34;
const LABEL = 220;
/** The width of one entry of the legend. */
const LEGEND = 160;

/**
 * Horizontal stacked bars in SVG, exact to the cent in their labels: one bar per funder or per year, one segment per
 * series. The same figures are in the table beside it (screen readers read the table; the drawing is described).
 */
export function BarChart({
  title,
  bars,
  series,
  stacked = true,
}: {
  title: string;
  bars: Bar[];
  series: Series[];
  /** false: one bar per series side by side (figures that do not add up, such as AE and CP). */
  stacked?: boolean;
}) {
  const totals = bars.map((bar) => series.reduce((sum, s) => sum + cents(bar.values[s.key] ?? '0.00'), 0n));
  const largest = bars.flatMap((bar) => series.map((s) => cents(bar.values[s.key] ?? '0.00')));
  const max = (stacked ? totals : largest).reduce((a, b) => (b > a ? b : a), 1n);
  const band = stacked ? ROW - 12 : Math.floor((ROW - 8) / series.length);
  const span = BigInt(WIDTH - LABEL - 10);
  // The legend wraps: as many entries per line as fit beside the labels' column.
  const perLine = Math.max(1, Math.floor((WIDTH - LABEL) / LEGEND));
  const height = bars.length * ROW + 12 + Math.ceil(series.length / perLine) * 18;
  return (
    <figure className="fr-my-2w" aria-label={title}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title} : ${bars
          .map((b, i) =>
            stacked
              ? `${b.label} ${eurosOfCents(totals[i])}`
              : `${b.label} ${series.map((s) => `${s.label} ${euros(b.values[s.key])}`).join(', ')}`,
          )
          .join(' ; ')}`}
      >
        {bars.map((bar, index) => {
          let x = BigInt(LABEL);
          return (
            <g key={bar.label} transform={`translate(0 ${index * ROW})`}>
              <text x={LABEL - 8} y={ROW / 2 + 4} textAnchor="end" fontSize="13" fill="#161616">
                {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
              </text>
              {series.map((s, i) => {
                const value = cents(bar.values[s.key] ?? '0.00');
                const width = (value * span) / max;
                const rect = (
                  <rect
                    key={s.key}
                    x={Number(stacked ? x : BigInt(LABEL))}
                    y={stacked ? 6 : 4 + i * band}
                    width={Number(width)}
                    height={band}
                    fill={s.colour}
                  >
                    <title>{`${bar.label} — ${s.label} : ${euros(bar.values[s.key])}`}</title>
                  </rect>
                );
                if (stacked) x += width;
                return rect;
              })}
            </g>
          );
        })}
        <g transform={`translate(${LABEL} ${bars.length * ROW + 8})`}>
          {series.map((s, i) => (
            <g key={s.key} transform={`translate(${(i % perLine) * LEGEND} ${Math.floor(i / perLine) * 18})`}>
              <rect width="12" height="12" fill={s.colour} />
              <text x="16" y="11" fontSize="12" fill="#161616">
                {s.label}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <figcaption className="fr-text--xs">{title} (montants exacts dans le tableau)</figcaption>
    </figure>
  );
}

/** The statuses of money, in the ledger's words and one colour each, from the least to the most certain. */
export const STATUS_SERIES: Series[] = [
  { key: 'indicative', label: 'indicatif', colour: '#A558A0' },
  { key: 'conditional', label: 'conditionnel', colour: '#B34000' },
  { key: 'firmUnpaid', label: 'ferme (à payer)', colour: '#3558A2' },
  { key: 'paid', label: 'payé', colour: '#18753C' },
];
