import {
  absCents,
  displayedPrecisionCents,
  formatEurosFr,
  formatIntegerFr,
  fromDecimalString,
  parseFigure,
  toDecimalString,
  type Cents,
} from '@cvl/money';
import type { DocumentFigureRecorded } from '../domain/events';
import type { CommitmentsState } from '../domain/state';
import { documentLine } from '../domain/trace';

export type Verdict = 'concorde' | 'arrondi déclaré' | 'arrondi à la précision affichée' | 'écart' | 'ambigu';
export const VERDICTS: Verdict[] = [
  'concorde',
  'arrondi déclaré',
  'arrondi à la précision affichée',
  'écart',
  'ambigu',
];

/** What the reconciliation reads of a money line: the same whether it comes from the ledger's events or a file. */
export interface ReconcilableFigure {
  id: string;
  line: number;
  section: string;
  text: string;
  /** The document's wording of its status (« total arrondi »…). */
  status?: string;
  role: string;
  amount?: string;
  formula?: { unitAmount: string; quantity: number };
  range?: { min: string; max: string; central?: string };
  parts?: string[];
  rounding?: 'M€' | 'k€' | '€';
  /** How many units the line states (« 4 000 logements »), and the operation it is about: counts are compared. */
  count?: number;
  operation?: string;
}

/** The lines the ledger recorded (its events): what the API and the CLI reconcile once the contract is loaded. */
export function recordedFigures(state: CommitmentsState): ReconcilableFigure[] {
  return [...state.documentFigures.values()].map((f: DocumentFigureRecorded) => ({
    id: f.figureId,
    ...documentLine(f.trace),
    text: f.text,
    ...(f.wording ? { status: f.wording } : {}),
    role: f.role,
    ...(f.amount !== undefined ? { amount: f.amount } : {}),
    ...(f.formula ? { formula: f.formula } : {}),
    ...(f.range ? { range: f.range } : {}),
    ...(f.parts ? { parts: f.parts } : {}),
    ...(f.rounding ? { rounding: f.rounding } : {}),
    ...(f.count !== undefined ? { count: f.count } : {}),
    ...(f.operation ? { operation: f.operation } : {}),
  }));
}

export interface ReconciliationLine {
  id: string;
  line: number;
  section: string;
  /**
   * What was checked: a product (unit × quantity), a sum of parts, a stated figure against the exact booking, a range,
   * or the quantity two lines state for the same money of the same operation.
   */
  check: 'produit' | 'somme' | 'énoncé / exact' | 'fourchette' | 'quantité';
  /** The other lines of the document the check compared this one with (the parts, the other statement). */
  against: number[];
  text: string;
  stated: string;
  computed: string;
  gap: string;
  verdict: Verdict;
  explanation: string;
}

const TOLERANCE: Record<string, Cents> = { 'M€': 50_000_000n, 'k€': 50_000n, '€': 50n };

/** The value a row states, read from its text: one amount, or the central value of a range. */
function statedValue(row: ReconcilableFigure): Cents | undefined {
  try {
    const figure = parseFigure(row.text);
    if (figure.kind === 'amount') return figure.cents;
    return row.range?.central ? fromDecimalString(row.range.central) : figure.centralCents;
  } catch {
    return row.amount ? fromDecimalString(row.amount) : undefined;
  }
}

function declaredRounding(row: ReconcilableFigure): Cents | undefined {
  if (row.rounding) return TOLERANCE[row.rounding];
  if (!/arrondi/i.test(row.status ?? '')) return undefined;
  return /M€|million/i.test(row.text) ? TOLERANCE['M€'] : /k€/i.test(row.text) ? TOLERANCE['k€'] : TOLERANCE['€'];
}

function judge(
  row: ReconcilableFigure,
  check: ReconciliationLine['check'],
  stated: Cents,
  computed: Cents,
  what: string,
  against: number[] = [],
): ReconciliationLine {
  const gap = stated - computed;
  const tolerance = declaredRounding(row);
  // Written to the tenth of a million, a figure within half of that of the exact sum is that sum as shown.
  const precision = displayedPrecisionCents(row.text);
  const verdict: Verdict =
    gap === 0n
      ? 'concorde'
      : tolerance !== undefined && absCents(gap) <= tolerance
        ? 'arrondi déclaré'
        : precision !== undefined && absCents(gap) * 2n <= precision
          ? 'arrondi à la précision affichée'
          : 'écart';
  const explanation =
    verdict === 'concorde'
      ? `${what} : concorde au centime`
      : verdict === 'arrondi déclaré'
        ? `${what} : écart de ${formatEurosFr(gap)} dans l’arrondi déclaré (« ${row.status ?? row.rounding} »)`
        : verdict === 'arrondi à la précision affichée'
          ? `${what} : le document écrit « ${row.text} », soit ${formatEurosFr(computed)} arrondi à la précision affichée (${formatEurosFr(precision as Cents)})`
          : `${what} : le document écrit ${formatEurosFr(stated)} mais le calcul donne ${formatEurosFr(computed)}, écart de ${formatEurosFr(gap)}`;
  return {
    id: row.id,
    line: row.line,
    section: row.section,
    check,
    against,
    text: row.text,
    stated: toDecimalString(stated),
    computed: toDecimalString(computed),
    gap: toDecimalString(gap),
    verdict,
    explanation,
  };
}

/**
 * Recomputes every stated total, product and share of a data set from its parts, and tells declared rounding
 * (« total arrondi ») apart from a real discrepancy — each line with both figures, the gap and where it comes from.
 */
export function reconcile(figures: readonly ReconcilableFigure[]): ReconciliationLine[] {
  const byId = new Map(figures.map((f) => [f.id, f]));
  const lines: ReconciliationLine[] = [];
  for (const row of figures) {
    const stated = statedValue(row);
    if (stated === undefined) continue;
    if (row.formula) {
      const computed = fromDecimalString(row.formula.unitAmount) * BigInt(row.formula.quantity);
      lines.push(
        judge(
          row,
          'produit',
          stated,
          computed,
          `${formatEurosFr(fromDecimalString(row.formula.unitAmount))} × ${row.formula.quantity}`,
        ),
      );
    }
    if (row.parts?.length) {
      const parts = row.parts.map((id) => byId.get(id)).filter((p): p is ReconcilableFigure => p !== undefined);
      const computed = parts.reduce((sum, part) => sum + (statedValue(part) ?? 0n), 0n);
      lines.push(
        judge(
          row,
          'somme',
          stated,
          computed,
          `somme de ${parts.length} ligne(s) (${parts.map((p) => `l. ${p.line}`).join(', ')})`,
          [...new Set(parts.map((p) => p.line))],
        ),
      );
    }
    if (row.role === 'booking' && row.amount && !row.formula && !row.parts?.length) {
      lines.push(
        judge(row, 'énoncé / exact', stated, fromDecimalString(row.amount), 'montant énoncé / montant exact inscrit'),
      );
    }
    if (row.range) {
      const min = fromDecimalString(row.range.min);
      const max = fromDecimalString(row.range.max);
      const central = row.range.central ? fromDecimalString(row.range.central) : (min + max) / 2n;
      if (central < min || central > max) {
        lines.push({
          ...judge(row, 'fourchette', central, min, 'valeur centrale'),
          verdict: 'écart',
          explanation: `valeur centrale ${formatEurosFr(central)} hors de la fourchette ${formatEurosFr(min)} – ${formatEurosFr(max)}`,
        });
      }
    }
  }
  lines.push(...quantityChecks(figures));
  return lines.sort((a, b) => a.line - b.line || a.id.localeCompare(b.id) || a.check.localeCompare(b.check));
}

/** The units a line states: its own count, or the quantity of its product. */
const unitsOf = (row: ReconcilableFigure) => row.count ?? row.formula?.quantity;

/**
 * Two lines of the same operation that state the same money for different quantities — the synthesis' « 4 000
 * logements » for the 65 M€ the detail spends on « 1 500 logements environ » — cannot both describe it: « ambigu »,
 * with both counts and both lines. The same quantity agrees. Each pair is reported once, on its later line.
 */
function quantityChecks(figures: readonly ReconcilableFigure[]): ReconciliationLine[] {
  const counted = figures.filter((f) => f.operation && unitsOf(f) !== undefined && statedValue(f) !== undefined);
  const lines: ReconciliationLine[] = [];
  for (const [index, row] of counted.entries()) {
    for (const other of counted.slice(0, index)) {
      if (other.operation !== row.operation || statedValue(other) !== statedValue(row)) continue;
      const [later, earlier] = row.line >= other.line ? [row, other] : [other, row];
      const stated = unitsOf(later) as number;
      const computed = unitsOf(earlier) as number;
      const money = formatEurosFr(statedValue(row) as Cents);
      lines.push({
        id: later.id,
        line: later.line,
        section: later.section,
        check: 'quantité',
        against: [earlier.line],
        text: later.text,
        stated: String(stated),
        computed: String(computed),
        gap: String(stated - computed),
        verdict: stated === computed ? 'concorde' : 'ambigu',
        explanation:
          stated === computed
            ? `${money} pour ${stated} unités aux l. ${earlier.line} et ${later.line} : concorde`
            : `${money} pour ${stated} unités l. ${later.line}, pour ${computed} l. ${earlier.line} : la même somme ne peut décrire les deux`,
      });
    }
  }
  return lines;
}

/** The report as people read it: one line per check, French figures. */
export function reconciliationTable(lines: ReconciliationLine[]): string {
  const header = ['ligne', 'contrôle', 'énoncé', 'calculé', 'écart', 'verdict'];
  // A quantity check compares counts, the others euros.
  const shown = (l: ReconciliationLine, value: string) =>
    l.check === 'quantité' ? formatIntegerFr(BigInt(value)) : formatEurosFr(fromDecimalString(value));
  const rows = lines.map((l) => [
    `l. ${l.line}`,
    l.check,
    shown(l, l.stated),
    shown(l, l.computed),
    shown(l, l.gap),
    l.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const render = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const counts = VERDICTS.map((v) => `${lines.filter((l) => l.verdict === v).length} ${v}`).join(', ');
  return [
    render(header),
    render(widths.map((w) => '─'.repeat(w))),
    ...rows.map(render),
    '',
    `${lines.length} contrôles : ${counts}`,
  ].join('\n');
}
