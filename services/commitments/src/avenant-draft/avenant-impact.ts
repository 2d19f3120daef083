import { formatEurosFr, toDecimalString, type Cents } from '@cvl/money';
import { euTranches } from '../domain/eu-tranches';
import { funderName, type Commitment, type CommitmentsState } from '../domain/state';

/**
 * What a draft avenant changes, figure by figure: the ledger as it is (`before`) against the ledger the draft would
 * leave (`after`, a fork decided in memory — simulate-avenant.ts). Per funder (firm, reserved), per commitment, per
 * operation (each co-funder's part), per year (AE engaged, reserved, CP planned) and the pace of the EU funds under
 * the n+3 rule. Only what moves is listed. Pure: two states in, figures out (decimal strings and French text).
 */

/** A figure before and after, and by how much it moves. */
export interface Moved {
  before: string;
  after: string;
  delta: string;
  formatted: { before: string; after: string; delta: string };
}

const signed = (cents: Cents) => (cents > 0n ? `+${formatEurosFr(cents)}` : formatEurosFr(cents));

export function moved(before: Cents, after: Cents): Moved {
  return {
    before: toDecimalString(before),
    after: toDecimalString(after),
    delta: toDecimalString(after - before),
    formatted: { before: formatEurosFr(before), after: formatEurosFr(after), delta: signed(after - before) },
  };
}

/** The reserved amount of a commitment (indicative or conditional): what it holds without being firm. */
const reservedCents = (c: Commitment) => (c.status === 'indicative' || c.status === 'conditional' ? c.amountCents : 0n);
const firmCents = (c: Commitment) => (c.status === 'firm' ? c.amountCents : 0n);
/** What counts for an operation: every commitment that still holds money (a lapsed one holds none). */
const heldCents = (c: Commitment) => (c.status === 'lapsed' ? 0n : c.amountCents);

const nameOf = funderName;

/** Bounds a map of years: a contract's years (2000-2100). */
const MAX_YEARS = 101;

function sumBy<K>(entries: Iterable<[K, Cents]>): Map<K, Cents> {
  const out = new Map<K, Cents>();
  for (const [key, cents] of entries) out.set(key, (out.get(key) ?? 0n) + cents);
  return out;
}

interface YearFigures {
  engaged: Cents;
  reserved: Cents;
  planned: Cents;
}

function yearsOf(state: CommitmentsState): Map<number, YearFigures> {
  const years = new Map<number, YearFigures>();
  const at = (year: number) => {
    const row = years.get(year) ?? { engaged: 0n, reserved: 0n, planned: 0n };
    years.set(year, row);
    return row;
  };
  for (const c of state.commitments.values()) {
    for (const { year, cents } of c.engagements) at(year).engaged += cents;
    if (reservedCents(c) > 0n) at(c.attribution.year).reserved += reservedCents(c);
    if (c.status !== 'lapsed') for (const p of c.schedule?.planned ?? []) at(p.year).planned += p.amountCents;
  }
  if (years.size > MAX_YEARS) throw new Error(`impact d’avenant : ${years.size} années, au plus ${MAX_YEARS}`);
  return years;
}

const union = <K>(...maps: Array<ReadonlyMap<K, unknown>>) => [...new Set(maps.flatMap((m) => [...m.keys()]))];

export function avenantImpact(before: CommitmentsState, after: CommitmentsState) {
  const fundersOf = (state: CommitmentsState) => ({
    firm: sumBy([...state.commitments.values()].map((c) => [c.funder, firmCents(c)] as [string, Cents])),
    reserved: sumBy([...state.commitments.values()].map((c) => [c.funder, reservedCents(c)] as [string, Cents])),
  });
  const fb = fundersOf(before);
  const fa = fundersOf(after);
  const funders = union(fb.firm, fa.firm)
    .sort()
    .map((funder) => ({
      funder,
      funderName: nameOf(after, funder),
      firm: moved(fb.firm.get(funder) ?? 0n, fa.firm.get(funder) ?? 0n),
      reserved: moved(fb.reserved.get(funder) ?? 0n, fa.reserved.get(funder) ?? 0n),
    }))
    .filter((row) => row.firm.delta !== '0.00' || row.reserved.delta !== '0.00');

  const commitments = union<string>(before.commitments, after.commitments)
    .sort()
    .flatMap((id) => {
      const b = before.commitments.get(id);
      const a = after.commitments.get(id);
      if (b && a && b.amountCents === a.amountCents && b.status === a.status && b.paidCents === a.paidCents) return [];
      const c = (a ?? b) as Commitment;
      return [
        {
          commitmentId: id,
          label: c.attribution.label,
          funder: c.funder,
          funderName: nameOf(after, c.funder),
          ...(c.attribution.operation ? { operation: c.attribution.operation } : {}),
          statusBefore: b?.status ?? null,
          statusAfter: a?.status ?? null,
          amount: moved(b ? heldCents(b) : 0n, a ? heldCents(a) : 0n),
        },
      ];
    });

  const operationsOf = (state: CommitmentsState) => {
    const out = new Map<string, Map<string, Cents>>();
    for (const c of state.commitments.values()) {
      const operation = c.attribution.operation;
      if (!operation || c.isPool) continue;
      const byFunder = out.get(operation) ?? new Map<string, Cents>();
      byFunder.set(c.funder, (byFunder.get(c.funder) ?? 0n) + heldCents(c));
      out.set(operation, byFunder);
    }
    return out;
  };
  const ob = operationsOf(before);
  const oa = operationsOf(after);
  const operations = union(ob, oa)
    .sort()
    .flatMap((id) => {
      const b = ob.get(id) ?? new Map<string, Cents>();
      const a = oa.get(id) ?? new Map<string, Cents>();
      const parts = union(b, a)
        .sort()
        .map((funder) => ({
          funder,
          funderName: nameOf(after, funder),
          ...moved(b.get(funder) ?? 0n, a.get(funder) ?? 0n),
        }));
      if (parts.every((p) => p.delta === '0.00')) return [];
      const sum = (m: Map<string, Cents>) => [...m.values()].reduce((s, x) => s + x, 0n);
      const operation = after.operations.get(id) ?? before.operations.get(id);
      return [
        {
          operation: id,
          label: operation?.label ?? id,
          ...(operation ? { eligibleBase: toDecimalString(operation.eligibleBaseCents) } : {}),
          total: moved(sum(b), sum(a)),
          funders: parts,
        },
      ];
    });

  const yb = yearsOf(before);
  const ya = yearsOf(after);
  const none: YearFigures = { engaged: 0n, reserved: 0n, planned: 0n };
  const years = union(yb, ya)
    .sort((x, y) => x - y)
    .map((year) => {
      const b = yb.get(year) ?? none;
      const a = ya.get(year) ?? none;
      return {
        year,
        engaged: moved(b.engaged, a.engaged),
        reserved: moved(b.reserved, a.reserved),
        planned: moved(b.planned, a.planned),
      };
    })
    .filter((row) => [row.engaged, row.reserved, row.planned].some((m) => m.delta !== '0.00'));

  const tb = euTranches(before);
  const ta = euTranches(after);
  const noTranche = { engaged: 0n, remaining: 0n };
  const noFund = new Map<number, { engaged: Cents; remaining: Cents }>();
  const euPace = union(tb, ta)
    .sort()
    .flatMap((funder) => {
      const fb = tb.get(funder) ?? noFund;
      const fa = ta.get(funder) ?? noFund;
      return union(fb, fa)
        .sort((x, y) => x - y)
        .map((tranche) => {
          const b = fb.get(tranche) ?? noTranche;
          const a = fa.get(tranche) ?? noTranche;
          return {
            funder,
            funderName: nameOf(after, funder),
            tranche,
            deadline: `${tranche + 3}-12-31`,
            engaged: moved(b.engaged, a.engaged),
            remaining: moved(b.remaining, a.remaining),
          };
        });
    })
    .filter((row) => row.engaged.delta !== '0.00' || row.remaining.delta !== '0.00');

  return { funders, commitments, operations, years, euPace };
}

export type AvenantImpact = ReturnType<typeof avenantImpact>;

/** The funders whose euros the draft moves: those whose approval the signature waits for. */
export function fundersConcerned(impact: AvenantImpact): string[] {
  return [
    ...new Set(
      impact.commitments
        .filter((c) => c.amount.delta !== '0.00' || c.statusBefore !== c.statusAfter)
        .map((c) => c.funder),
    ),
  ].sort();
}
