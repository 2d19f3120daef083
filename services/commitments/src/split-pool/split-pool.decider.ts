import { formatEurosFr, type Cents } from '@cvl/money';
import {
  checkAmount,
  checkTrace,
  commitmentAccount,
  decimal,
  findCommitment,
  knownFunder,
  transferId,
  tryBookings,
  type DecisionContext,
} from '../domain/booking';
import type { CommitmentsEvent, PoolSplit, SerializedTransfer } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { accountOf, referenceKey, type CommitmentsState } from '../domain/state';
import type { BookingTrace } from '../domain/trace';

export interface PoolPart {
  commitmentId: string;
  /** The funder of the part: the pool's own, or a named one when the pool stood for unnamed partners. */
  funder: string;
  amountCents: Cents;
  epci?: string;
  label?: string;
}

export interface SplitPool {
  poolId: string;
  parts: PoolPart[];
  trace: BookingTrace;
}

export const MAX_SPLIT_PARTS = 100;

/**
 * Splits an amount held at a larger scale (a Bassin-Minier-wide programme, subsidies asked of unnamed public
 * partners) into parts by EPCI or by funder. What is split leaves the pool; what remains stays visible as
 * unallocated; nothing is counted twice.
 */
export function decideSplitPool(
  command: SplitPool,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  const problem = checkTrace(command.trace);
  if (problem) return problem;
  const pool = findCommitment(state, command.poolId);
  if (isRefusal(pool)) return pool;
  if (!pool.isPool)
    return refuse('not-a-pool', `L’engagement ${pool.id} n’est pas une enveloppe commune à ventiler`, {
      field: 'poolId',
    });
  if (pool.status === 'lapsed') return refuse('commitment-lapsed', 'Enveloppe commune caduque : rien à ventiler');
  if (command.parts.length === 0 || command.parts.length > MAX_SPLIT_PARTS)
    return refuse('parts-count', `De 1 à ${MAX_SPLIT_PARTS} parts`, { field: 'parts' });
  const seen = new Set<string>();
  for (const [index, part] of command.parts.entries()) {
    const at = `parts[${index}]`;
    const partProblem =
      checkAmount(part.amountCents, `${at}.amount`) ?? knownFunder(state, part.funder, `${at}.funder`);
    if (partProblem) return partProblem;
    if (state.commitments.has(part.commitmentId) || seen.has(part.commitmentId))
      return refuse('commitment-exists', `L’engagement ${part.commitmentId} existe déjà`, {
        field: `${at}.commitmentId`,
      });
    seen.add(part.commitmentId);
    if (part.epci && !state.references.has(referenceKey('epci', part.epci)))
      return refuse('unknown-reference', `EPCI inconnu : « ${part.epci} »`, { field: `${at}.epci` });
    if (pool.status === 'firm' && part.funder !== pool.funder) {
      return refuse(
        'firm-pool-other-funder',
        'Un engagement ferme ne se ventile qu’entre les parts de son propre financeur',
        { field: `${at}.funder` },
      );
    }
  }
  const total = command.parts.reduce((sum, part) => sum + part.amountCents, 0n);
  const available = pool.amountCents - pool.paidCents;
  if (total > available) {
    return refuse(
      'split-exceeds-pool',
      `La ventilation dépasse le montant non ventilé (${formatEurosFr(available)}) de ${formatEurosFr(total - available)}`,
      { field: 'parts', excessCents: total - available },
    );
  }
  const remaining = pool.amountCents - total;
  const accounts = command.parts.map((part) => commitmentAccount(part.commitmentId));
  const transfers: SerializedTransfer[] = [];
  const parts: PoolSplit['parts'] = [];
  let next = 0;
  const id = () => transferId(context, next++);
  let poolPendingTransferId: string | undefined;
  if (pool.status === 'firm') {
    for (const part of command.parts) {
      transfers.push({
        id: id(),
        phase: 'single',
        debit: accountOf.commitment(pool.id),
        credit: accountOf.commitment(part.commitmentId),
        amount: decimal(part.amountCents),
        linked: true,
      });
      parts.push(partEvent(part, accountOf.commitment(pool.id)));
    }
  } else {
    transfers.push({
      id: id(),
      phase: 'void',
      debit: pool.fundingAccount,
      credit: accountOf.commitment(pool.id),
      pendingId: pool.pendingTransferId as string,
      linked: true,
    });
    for (const part of command.parts) {
      const funding = part.funder === pool.funder ? pool.fundingAccount : accountOf.funderResources(part.funder);
      const pendingTransferId = id();
      transfers.push({
        id: pendingTransferId,
        phase: 'pending',
        debit: funding,
        credit: accountOf.commitment(part.commitmentId),
        amount: decimal(part.amountCents),
        linked: true,
      });
      parts.push({ ...partEvent(part, funding), pendingTransferId });
    }
    if (remaining > 0n) {
      poolPendingTransferId = id();
      transfers.push({
        id: poolPendingTransferId,
        phase: 'pending',
        debit: pool.fundingAccount,
        credit: accountOf.commitment(pool.id),
        amount: decimal(remaining),
        linked: true,
      });
    }
  }
  delete transfers[transfers.length - 1].linked;
  const booked = tryBookings(state, accounts, transfers, command.trace, 'parts');
  if (isRefusal(booked)) return booked;
  return [
    {
      type: 'commitments.pool-split',
      data: {
        poolId: pool.id,
        parts,
        ...(poolPendingTransferId ? { poolPendingTransferId } : {}),
        remaining: decimal(remaining),
        trace: command.trace,
        accounts,
        transfers,
        commitmentIds: [pool.id, ...command.parts.map((p) => p.commitmentId)],
      },
    },
  ];
}

function partEvent(part: PoolPart, fundingAccount: string): PoolSplit['parts'][number] {
  return {
    commitmentId: part.commitmentId,
    funder: part.funder,
    amount: decimal(part.amountCents),
    fundingAccount,
    ...(part.epci ? { epci: part.epci } : {}),
    ...(part.label ? { label: part.label } : {}),
  };
}
