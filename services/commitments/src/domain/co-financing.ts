import { formatEurosFr, type Cents } from '@cvl/money';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { CO_FINANCING_RULES, PUBLIC_CATEGORIES, rulesInForce, type CoFinancingRule } from './co-financing-rules';
import type { CommitmentsEvent } from './events';
import { evolveAll } from './evolve';
import { refuse } from './refusals';
import { referenceKey, type CommitmentsState, type Operation } from './state';

/** One cap on one operation: what it allows, what is counted against it, and by how much it is exceeded. */
export interface CapPosition {
  rule: CoFinancingRule;
  capCents: Cents;
  countedCents: Cents;
  excessCents: Cents;
}

/** The aid each funder gives an operation: every live commitment booked for it, net of releases and splits. */
export function aidByFunder(state: CommitmentsState, operation: Operation): Map<string, Cents> {
  const aid = new Map<string, Cents>();
  for (const id of operation.commitmentIds) {
    const commitment = state.commitments.get(id);
    if (!commitment || commitment.status === 'lapsed') continue;
    aid.set(commitment.funder, (aid.get(commitment.funder) ?? 0n) + commitment.amountCents);
  }
  return aid;
}

const categoryOf = (state: CommitmentsState, funder: string) => {
  const category = state.references.get(referenceKey('funder', funder))?.attributes.category;
  return typeof category === 'string' ? category : undefined;
};

/** The rules that apply to an operation on its reference date (its start, else the date asked about). */
export function rulesFor(state: CommitmentsState, operation: Operation, onDate: string): CoFinancingRule[] {
  return rulesInForce([...CO_FINANCING_RULES, ...state.coFinancingRules], operation.start ?? onDate);
}

/**
 * Every cap that applies to the operation, with what counts against it: the aid of every funder but the project
 * owner (its own share is not aid), of the public funders among them, or of one funder. Integer arithmetic only: the
 * cap is the eligible base × rate, rounded down to the cent (a cap is never rounded up).
 */
export function capPositions(state: CommitmentsState, operation: Operation, onDate: string): CapPosition[] {
  const aid = aidByFunder(state, operation);
  aid.delete(operation.projectOwner);
  const categories = new Map([...aid.keys()].map((funder) => [funder, categoryOf(state, funder)]));
  const ownerCategory = categoryOf(state, operation.projectOwner);
  const applies = (rule: CoFinancingRule) =>
    (!rule.when?.anyFunderCategory ||
      [...categories.values()].some((c) => c !== undefined && rule.when?.anyFunderCategory?.includes(c))) &&
    (!rule.when?.ownerCategory || (ownerCategory !== undefined && rule.when.ownerCategory.includes(ownerCategory))) &&
    (!rule.when?.natures || (operation.nature !== undefined && rule.when.natures.includes(operation.nature)));
  const sum = (keep: (funder: string) => boolean) =>
    [...aid].filter(([funder]) => keep(funder)).reduce((total, [, cents]) => total + cents, 0n);
  return rulesFor(state, operation, onDate)
    .filter(applies)
    .map((rule) => {
      const countedCents =
        rule.bounds === 'all-aid'
          ? sum(() => true)
          : rule.bounds === 'public-aid'
            ? sum((funder) => PUBLIC_CATEGORIES.includes(categories.get(funder) ?? ''))
            : sum((funder) => funder === rule.funder);
      const capCents = (operation.eligibleBaseCents * BigInt(rule.maxRateBasisPoints)) / 10_000n;
      return { rule, capCents, countedCents, excessCents: countedCents > capCents ? countedCents - capCents : 0n };
    });
}

/** The operations a decision's events touch: those of the commitments they name. */
function operationsTouched(state: CommitmentsState, events: readonly CommitmentsEvent[]): Set<string> {
  const touched = new Set<string>();
  for (const event of events) {
    const data = event.data as { commitmentIds?: string[]; attribution?: { operation?: string } };
    if (data.attribution?.operation) touched.add(data.attribution.operation);
    for (const id of data.commitmentIds ?? []) {
      const operation = state.commitments.get(id)?.attribution.operation;
      if (operation) touched.add(operation);
    }
  }
  return touched;
}

/**
 * The co-financing guard, on every decision of the ledger whoever asks (a route, the import, a programme's
 * request): the decision's events applied, no cap of an operation they touch may be exceeded by more than it was
 * before. A cap already exceeded (a rule that changed) does not freeze the operation: only what adds to the excess
 * is refused, with the rule, its source and the excess.
 */
export function coFinancingRefusal(
  state: CommitmentsState,
  events: readonly CommitmentsEvent[],
  onDate: string,
): Refusal | undefined {
  const touched = operationsTouched(state, events);
  if (touched.size === 0) return undefined;
  const after = evolveAll(events, state);
  for (const id of touched) {
    const before = state.operations.get(id);
    const operation = after.operations.get(id);
    if (!operation) continue;
    const was = new Map(
      (before ? capPositions(state, before, onDate) : []).map((p) => [p.rule.id, p.excessCents] as const),
    );
    for (const position of capPositions(after, operation, onDate)) {
      const added = position.excessCents - (was.get(position.rule.id) ?? 0n);
      if (added <= 0n) continue;
      return refuse(
        'co-financing-exceeded',
        `Opération « ${operation.label} » : ${position.rule.label} — plafond de ${formatEurosFr(position.capCents)} dépassé de ${formatEurosFr(added)} (${position.rule.source}) : rien n’a été enregistré`,
        { field: 'amount', excessCents: added },
      );
    }
  }
  return undefined;
}

/** The date a decision takes effect: its first event's trace (every event that moves money carries one). */
export function effectiveDateOf(events: readonly CommitmentsEvent[]): string | undefined {
  for (const event of events) {
    const trace = (event.data as { trace?: { effectiveDate?: string } }).trace;
    if (trace?.effectiveDate) return trace.effectiveDate;
  }
  return undefined;
}

/** Every operation over one of its caps today (rules that changed, aid booked before the registry knew it). */
export function operationsOverCap(state: CommitmentsState, onDate: string) {
  return [...state.operations.values()].flatMap((operation) =>
    capPositions(state, operation, onDate)
      .filter((position) => position.excessCents > 0n)
      .map((position) => ({ operation, position })),
  );
}

/**
 * A decision as the ledger takes it, whoever asks: the slice's decider, then the co-financing guard on the decision's
 * effective date (its recording's day when it carries none). Every command handler decides through here.
 */
export function decidedUnderCaps(
  state: CommitmentsState,
  decided: CommitmentsEvent[] | Refusal,
  recordedAt: string,
): CommitmentsEvent[] | Refusal {
  if (isRefusal(decided)) return decided;
  return coFinancingRefusal(state, decided, effectiveDateOf(decided) ?? recordedAt.slice(0, 10)) ?? decided;
}
