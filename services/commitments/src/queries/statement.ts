import { toDecimalString } from '@cvl/money';
import { addFigures, figuresOf, zeroFigures, type Figures } from '../domain/figures';
import { referenceKey, type Commitment, type CommitmentsState } from '../domain/state';
import { figuresView, STATUS_LABELS } from './views';

type Dimension = 'programme' | 'quartier' | 'stake' | 'year' | 'epci';
const DIMENSIONS: Dimension[] = ['programme', 'quartier', 'stake', 'year', 'epci'];
const UNATTRIBUTED = '(non rattaché)';

function groupBy(commitments: Commitment[], dimension: Dimension) {
  const groups = new Map<string, Figures>();
  for (const commitment of commitments) {
    const key = dimension === 'year' ? String(commitment.attribution.year) : (commitment.attribution[dimension] ?? UNATTRIBUTED);
    groups.set(key, addFigures(groups.get(key) ?? zeroFigures(), figuresOf(commitment)));
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, figures]) => ({ key, figures: figuresView(figures) }));
}

/**
 * A funder's statement: what it committed, indicative, conditional, firm, paid and still to pay, in total, by
 * programme, quartier, stake, year and EPCI, and commitment by commitment; what awaits which condition; what sits
 * in pools not yet split.
 */
export function funderStatement(state: CommitmentsState, funder: string) {
  const commitments = [...state.commitments.values()].filter((c) => c.funder === funder).sort((a, b) => a.id.localeCompare(b.id));
  const totals = commitments.reduce((sum, c) => addFigures(sum, figuresOf(c)), zeroFigures());
  const conditions = new Map<string, bigint>();
  for (const c of commitments) if (c.status === 'conditional' && c.conditionId) conditions.set(c.conditionId, (conditions.get(c.conditionId) ?? 0n) + c.amountCents);
  return {
    funder: { code: funder, name: state.references.get(referenceKey('funder', funder))?.name ?? funder },
    totals: figuresView(totals),
    by: Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, groupBy(commitments, dimension)])),
    awaitingConditions: [...conditions.entries()].map(([conditionId, amount]) => ({
      conditionId,
      label: state.conditions.get(conditionId)?.label ?? conditionId,
      amount: toDecimalString(amount),
    })),
    unallocatedPools: commitments
      .filter((c) => c.isPool && c.status !== 'lapsed' && c.amountCents > 0n)
      .map((c) => ({ commitmentId: c.id, label: c.attribution.label, scale: c.attribution.scale, status: c.status, unallocated: toDecimalString(c.amountCents - (c.status === 'firm' ? c.paidCents : 0n)) })),
    commitments: commitments.map((c) => ({
      id: c.id,
      label: c.attribution.label,
      status: c.status,
      statusLabel: STATUS_LABELS[c.status],
      isPool: c.isPool,
      ...(c.act ? { act: c.act } : {}),
      ...(c.conditionId ? { conditionId: c.conditionId } : {}),
      figures: figuresView(figuresOf(c)),
    })),
  };
}

export type FunderStatement = ReturnType<typeof funderStatement>;
