import { NotFoundException } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import { toDecimalString } from '@cvl/money';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { Commitment, CommitmentsState } from '../domain/state';
import { seesCommitment } from '../http/access';

/** A condition and the commitments that await it (those `seen` lets through). */
export function conditionView(
  state: CommitmentsState,
  conditionId: string,
  seen: (c: Commitment) => boolean = () => true,
) {
  const condition = state.conditions.get(conditionId);
  if (!condition) throw new NotFoundException(`Condition inconnue : ${conditionId}`);
  const awaiting = [...state.commitments.values()].filter(
    (c) => c.conditionId === condition.id && c.status === 'conditional' && seen(c),
  );
  return {
    ...condition,
    awaiting: awaiting.map((c) => ({
      commitmentId: c.id,
      funder: c.funder,
      label: c.attribution.label,
      amount: toDecimalString(c.amountCents),
    })),
    awaitingTotal: toDecimalString(awaiting.reduce((sum, c) => sum + c.amountCents, 0n)),
  };
}

export type ConditionView = ReturnType<typeof conditionView>;

export class ConditionQuery extends LedgerQuery<'condition', { access: Access; conditionId: string }, ConditionView> {
  readonly type = 'condition';
}

/** A financeur sees a condition only through its own commitments that await it. */
@QueryHandler(ConditionQuery)
export class ConditionQueryHandler extends LedgerQueryHandler<ConditionQuery, ConditionView> {
  protected read({ access, conditionId }: ConditionQuery['params'], state: CommitmentsState): ConditionView {
    const seen = (c: { funder: string }) => seesCommitment(access, c);
    if (!access.all && ![...state.commitments.values()].some((c) => c.conditionId === conditionId && seen(c)))
      throw new NotFoundException(`Condition inconnue : ${conditionId}`);
    return conditionView(state, conditionId, seen);
  }
}
