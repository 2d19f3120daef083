import type { TimelineEntry } from '../record-governance-step/timeline.query';

/**
 * What falls due: the contract's governance steps not yet done (a clause de revoyure, an expected avenant, a
 * condition awaited, the yearly committees and programming), each by the last day of its window — the date after
 * which it is late. A step whose window is past and that is still « prévu » or « attendu » is late; a recurring step
 * (annual, half-yearly) falls due once per occurrence, and only its occurrences to come are told (the document does
 * not say which past ones were held). Pure: the timeline's entries in, the deadlines out.
 */
export type DeadlineState = 'en-retard' | 'a-venir';
/** A governance step's kind, or a deadline the ledger's figures set (ledger-deadlines.ts). */
export type DeadlineKind = TimelineEntry['kind'] | 'degagement-n3' | 'caducite';

export interface Deadline {
  /** The last day of the window: after it, the step is late. */
  due: string;
  from: string;
  state: DeadlineState;
  stateLabel: string;
  /** Days from the reference date to `due` (negative: late by as many days). */
  days: number;
  kind: DeadlineKind;
  kindLabel: string;
  label: string;
  effect: string;
  funders: Array<{ code: string; name: string }>;
  ref: string;
  /** The occurrence of a recurring step: « 2017 », « 2017, 2e semestre ». */
  occurrence?: string;
  line?: number;
  act?: string;
  /** The commitment it concerns (a State subsidy's caducité). */
  commitmentId?: string;
  /** What is at stake: euros at risk of release, the subsidy that would lapse. */
  amount?: string;
  amountFormatted?: string;
}

export const STATE_LABELS: Record<DeadlineState, string> = { 'en-retard': 'en retard', 'a-venir': 'à venir' };

/** At most ten years ahead (and so at most ~20 occurrences of a half-yearly step within the horizon). */
export const MAX_HORIZON_MONTHS = 120;
/** A governance window spans at most this many years (the contract's is six): bounds the occurrences' loop. */
const MAX_WINDOW_YEARS = 100;

const DAY_MS = 86_400_000;
export const dayNumber = (date: string) =>
  Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
const pad = (n: number) => String(n).padStart(2, '0');

/** The same day `months` later, or the month's last day when it has no such day (31/01 + 1 month → 28 or 29/02). */
export function addMonths(date: string, months: number): string {
  const total = +date.slice(0, 4) * 12 + (+date.slice(5, 7) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(+date.slice(8, 10), lastDay))}`;
}

interface Occurrence {
  from: string;
  to: string;
  name?: string;
}

/** A step's windows: itself, or one per year or half-year of its window, each clipped to it. */
function occurrences(entry: TimelineEntry): Occurrence[] {
  if (!entry.recurrence) return [{ from: entry.from, to: entry.to }];
  const first = +entry.from.slice(0, 4);
  const last = +entry.to.slice(0, 4);
  if (last - first >= MAX_WINDOW_YEARS) throw new Error(`${entry.ref} : fenêtre de plus de ${MAX_WINDOW_YEARS} ans`);
  const halves: Array<[string, string, string]> =
    entry.recurrence === 'semestrielle'
      ? [
          ['01-01', '06-30', ', 1er semestre'],
          ['07-01', '12-31', ', 2e semestre'],
        ]
      : [['01-01', '12-31', '']];
  const out: Occurrence[] = [];
  for (let year = first; year <= last; year++)
    for (const [start, end, suffix] of halves) {
      const from = `${year}-${start}` < entry.from ? entry.from : `${year}-${start}`;
      const to = `${year}-${end}` > entry.to ? entry.to : `${year}-${end}`;
      if (from <= to) out.push({ from, to, name: `${year}${suffix}` });
    }
  return out;
}

/**
 * A period's end (the contract's, a funder's: the State's credits ring-fenced for 2015-2017, the CAF's COG 2013-2017)
 * falls due on its last day, whatever its status — it is never « late », it ends — when it ends within the horizon.
 */
function periodEnd(entry: TimelineEntry, asOf: string, until: string): Deadline | undefined {
  if (entry.to < asOf || entry.to > until) return undefined;
  return {
    due: entry.to,
    from: entry.from,
    state: 'a-venir',
    stateLabel: STATE_LABELS['a-venir'],
    days: dayNumber(entry.to) - dayNumber(asOf),
    kind: entry.kind,
    kindLabel: 'fin de période',
    label: `Fin : ${entry.label}`,
    effect: entry.effect,
    funders: entry.funders,
    ref: entry.ref,
    ...(entry.line !== undefined ? { line: entry.line } : {}),
    ...(entry.act !== undefined ? { act: entry.act } : {}),
  };
}

/** Late first, then by due date: the order every list of deadlines is read in. */
export function byDueDate(a: Deadline, b: Deadline): number {
  return (
    a.due.localeCompare(b.due) || a.ref.localeCompare(b.ref) || (a.occurrence ?? '').localeCompare(b.occurrence ?? '')
  );
}

/** The deadlines of these timeline entries from `asOf` to `until`: what is late, then what falls due, by date. */
export function deadlinesOf(entries: readonly TimelineEntry[], asOf: string, until: string): Deadline[] {
  const deadlines: Deadline[] = [];
  for (const entry of entries) {
    if (entry.origin !== 'gouvernance') continue;
    if (entry.kind === 'periode') {
      const end = periodEnd(entry, asOf, until);
      if (end) deadlines.push(end);
      continue;
    }
    if (entry.status === 'realise') continue;
    for (const occurrence of occurrences(entry)) {
      const late = occurrence.to < asOf;
      // A past occurrence of a recurring step may well have been held: only a single step is known to be late.
      if (late && entry.recurrence) continue;
      if (!late && occurrence.to > until) continue;
      const state: DeadlineState = late ? 'en-retard' : 'a-venir';
      deadlines.push({
        due: occurrence.to,
        from: occurrence.from,
        state,
        stateLabel: STATE_LABELS[state],
        days: dayNumber(occurrence.to) - dayNumber(asOf),
        kind: entry.kind,
        kindLabel: entry.kindLabel,
        label: entry.label,
        effect: entry.effect,
        funders: entry.funders,
        ref: entry.ref,
        ...(occurrence.name ? { occurrence: occurrence.name } : {}),
        ...(entry.line !== undefined ? { line: entry.line } : {}),
        ...(entry.act !== undefined ? { act: entry.act } : {}),
      });
    }
  }
  return deadlines.sort(byDueDate);
}
