import { toDecimalString } from '@cvl/money';
import type { CommitmentAttribution, CommitmentStatus } from '../domain/events';
import { addFigures, zeroFigures, type Figures } from '../domain/figures';
import type { LegalAct } from '../domain/trace';
import { figuresView, statusLabelOf } from './views';

/** A commitment as it stood at a point in time: what the projection's sums give (ledger-projection.ts). */
export interface CommitmentAt {
  id: string;
  funder: string;
  status: CommitmentStatus;
  isPool: boolean;
  conditionId?: string;
  attribution: CommitmentAttribution;
  act?: LegalAct;
  figures: Figures;
}

type Dimension = 'programme' | 'quartier' | 'stake' | 'year' | 'epci';
const DIMENSIONS: Dimension[] = ['programme', 'quartier', 'stake', 'year', 'epci'];
const UNATTRIBUTED = '(non rattaché)';

/** The name people read for a code of the reference data (a quartier's, a programme's…), the code when none. */
export type NameOf = (dimension: Dimension, code: string) => string;

function groupBy(commitments: readonly CommitmentAt[], dimension: Dimension, nameOf: NameOf) {
  const groups = new Map<string, Figures>();
  for (const commitment of commitments) {
    const key =
      dimension === 'year' ? String(commitment.attribution.year) : (commitment.attribution[dimension] ?? UNATTRIBUTED);
    groups.set(key, addFigures(groups.get(key) ?? zeroFigures(), commitment.figures));
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, figures]) => ({
      key,
      name: key === UNATTRIBUTED ? key : nameOf(dimension, key),
      figures: figuresView(figures),
    }));
}

/** What is committed now, whatever the status (a lapsed commitment: nothing). */
const committedCents = (f: Figures) => f.indicativeCents + f.conditionalCents + f.firmCents;

/**
 * A funder's statement: what it committed, indicative, conditional, firm, paid and still to pay, in total, by
 * programme, quartier, stake, year and EPCI, and commitment by commitment; what awaits which condition; what sits
 * in pools not yet split. From the funder's commitments at the point in time asked (no event replayed).
 */
export function funderStatement(
  commitmentsAt: readonly CommitmentAt[],
  funder: { code: string; name: string },
  conditionLabel: (id: string) => string,
  nameOf: NameOf = (_, code) => code,
) {
  const commitments = commitmentsAt.filter((c) => c.funder === funder.code).sort((a, b) => a.id.localeCompare(b.id));
  const totals = commitments.reduce((sum, c) => addFigures(sum, c.figures), zeroFigures());
  const conditions = new Map<string, bigint>();
  for (const c of commitments)
    if (c.status === 'conditional' && c.conditionId)
      conditions.set(c.conditionId, (conditions.get(c.conditionId) ?? 0n) + committedCents(c.figures));
  return {
    funder,
    totals: figuresView(totals),
    by: Object.fromEntries(
      DIMENSIONS.map((dimension) => [dimension, groupBy(commitments, dimension, nameOf)]),
    ) as Record<Dimension, ReturnType<typeof groupBy>>,
    awaitingConditions: [...conditions.entries()].map(([conditionId, amount]) => ({
      conditionId,
      label: conditionLabel(conditionId),
      amount: toDecimalString(amount),
    })),
    unallocatedPools: commitments
      .filter((c) => c.isPool && c.status !== 'lapsed' && committedCents(c.figures) > 0n)
      .map((c) => ({
        commitmentId: c.id,
        label: c.attribution.label,
        scale: c.attribution.scale,
        status: c.status,
        unallocated: toDecimalString(committedCents(c.figures) - (c.status === 'firm' ? c.figures.paidCents : 0n)),
      })),
    commitments: commitments.map((c) => ({
      id: c.id,
      label: c.attribution.label,
      status: c.status,
      statusLabel: statusLabelOf(c.status, c.figures),
      isPool: c.isPool,
      ...(c.act ? { act: c.act } : {}),
      ...(c.conditionId ? { conditionId: c.conditionId } : {}),
      figures: figuresView(c.figures),
    })),
  };
}

export type FunderStatement = ReturnType<typeof funderStatement>;
