import { QueryHandler } from '@nestjs/cqrs';
import { paginate, type Access, type Page, type Versioned } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { CommitmentsState } from '../domain/state';
import { seesCommitment, visibleCommitment } from '../http/access';
import { commitmentResource } from '../http/commitment-resource';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import { LedgerProjection } from '../infrastructure/ledger-projection';
import { commitmentView, type CommitmentView } from '../queries/views';
import type { CommitmentListQuery } from './commitment-queries.controller';

export class CommitmentsQuery extends LedgerQuery<
  'commitments',
  { access: Access; filter: CommitmentListQuery },
  Page<CommitmentView>
> {
  readonly type = 'commitments';
}

/** The commitments the principal may see, by funder, status and condition, in the order of their ids. */
@QueryHandler(CommitmentsQuery)
export class CommitmentsQueryHandler extends LedgerQueryHandler<CommitmentsQuery, Page<CommitmentView>> {
  protected read({ access, filter }: CommitmentsQuery['params'], state: CommitmentsState): Page<CommitmentView> {
    const items = [...state.commitments.values()]
      .filter((c) => seesCommitment(access, c))
      .filter(
        (c) =>
          (!filter.funder || c.funder === filter.funder) &&
          (!filter.status || c.status === filter.status) &&
          (!filter.conditionId || c.conditionId === filter.conditionId),
      )
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((c) => commitmentView(state, c));
    return paginate(items, filter);
  }
}

export class CommitmentQuery extends LedgerQuery<
  'commitment',
  { access: Access; commitmentId: string },
  Versioned<CommitmentView>
> {
  readonly type = 'commitment';
}

/** One commitment and its version (the ETag); another funder's is as unknown as one that does not exist. */
@QueryHandler(CommitmentQuery)
export class CommitmentQueryHandler extends LedgerQueryHandler<CommitmentQuery, Versioned<CommitmentView>> {
  protected read({ access, commitmentId }: CommitmentQuery['params'], state: CommitmentsState) {
    visibleCommitment(access, state, commitmentId);
    return commitmentResource(state, commitmentId);
  }
}

export interface CommitmentHistory {
  commitmentId: string;
  events: Awaited<ReturnType<LedgerProjection['history']>>;
}

export class CommitmentHistoryQuery extends LedgerQuery<
  'commitment-history',
  { access: Access; commitmentId: string },
  CommitmentHistory
> {
  readonly type = 'commitment-history';
}

/** Every event that touched a commitment: who, when, why, on which source. */
@QueryHandler(CommitmentHistoryQuery)
export class CommitmentHistoryQueryHandler extends LedgerQueryHandler<CommitmentHistoryQuery, CommitmentHistory> {
  constructor(
    ledger: CommitmentsLedger,
    private readonly projection: LedgerProjection,
  ) {
    super(ledger);
  }

  protected async read({ access, commitmentId }: CommitmentHistoryQuery['params'], state: CommitmentsState) {
    visibleCommitment(access, state, commitmentId);
    return { commitmentId, events: await this.projection.history(commitmentId) };
  }
}
