import { fromDecimalString, toDecimalString } from '@cvl/money';
import type { ProjectedCommitment } from '../projection/commitment-projection';

/** What still waits on a condition (e.g. the TFPB abatement): the conditional euros, funder by funder. */
export interface PendingCondition {
  conditionId: string;
  pending: string;
  commitments: number;
  byFunder: Array<{ funder: string; pending: string; commitments: string[] }>;
}

/** A pool (a sum stated at a wider scale, e.g. Bassin Minier): what is already split into parts, what is not yet. */
export interface PoolPosition {
  poolId: string;
  funder: string;
  label: string;
  status: ProjectedCommitment['status'];
  unallocated: string;
  allocated: string;
  parts: Array<{
    commitmentId: string;
    funder: string;
    epci?: string;
    status: ProjectedCommitment['status'];
    amount: string;
  }>;
}

const sum = (amounts: readonly string[]) =>
  toDecimalString(amounts.reduce((total, amount) => total + fromDecimalString(amount), 0n));

/** Conditional commitments grouped by condition; a condition met or failed no longer holds anything and is not listed. */
export function pendingByCondition(docs: readonly ProjectedCommitment[]): PendingCondition[] {
  const byCondition = new Map<string, ProjectedCommitment[]>();
  for (const doc of docs)
    if (doc.status === 'conditional' && doc.conditionId)
      byCondition.set(doc.conditionId, [...(byCondition.get(doc.conditionId) ?? []), doc]);
  return [...byCondition.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([conditionId, held]) => {
      const funders = [...new Set(held.map((doc) => doc.funder))].sort();
      return {
        conditionId,
        pending: sum(held.map((doc) => doc.amount)),
        commitments: held.length,
        byFunder: funders.map((funder) => {
          const mine = held.filter((doc) => doc.funder === funder);
          return { funder, pending: sum(mine.map((doc) => doc.amount)), commitments: mine.map((doc) => doc.id).sort() };
        }),
      };
    });
}

/** Every pool with its unallocated remainder (the pool's own amount after splits) and the parts carved out of it. */
export function poolPositions(docs: readonly ProjectedCommitment[]): PoolPosition[] {
  return docs
    .filter((doc) => doc.isPool)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((pool) => {
      const parts = docs.filter((doc) => doc.poolId === pool.id).sort((a, b) => a.id.localeCompare(b.id));
      return {
        poolId: pool.id,
        funder: pool.funder,
        label: pool.attribution.label,
        status: pool.status,
        unallocated: pool.amount,
        allocated: sum(parts.map((part) => part.amount)),
        parts: parts.map((part) => ({
          commitmentId: part.id,
          funder: part.funder,
          ...(part.attribution.epci ? { epci: part.attribution.epci } : {}),
          status: part.status,
          amount: part.amount,
        })),
      };
    });
}
