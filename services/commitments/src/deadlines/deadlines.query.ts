import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { CommitmentsState } from '../domain/state';
import { timelineView } from '../record-governance-step/timeline.query';
import { deadlinesOf, type Deadline } from './deadlines';

export interface DeadlinesView {
  /** The reference date, and the last day of the horizon. */
  asOf: string;
  until: string;
  funder?: { code: string; name: string };
  deadlines: Deadline[];
}

export class DeadlinesQuery extends LedgerQuery<
  'deadlines',
  { access: Access; funder?: string; asOf: string; until: string },
  DeadlinesView
> {
  readonly type = 'deadlines';
}

/** What falls due, among the steps the principal's timeline shows (a financeur: its own and the contract's). */
@QueryHandler(DeadlinesQuery)
export class DeadlinesQueryHandler extends LedgerQueryHandler<DeadlinesQuery, DeadlinesView> {
  protected read({ access, funder, asOf, until }: DeadlinesQuery['params'], state: CommitmentsState): DeadlinesView {
    const view = timelineView(state, access, funder);
    return {
      asOf,
      until,
      ...(view.funder ? { funder: view.funder } : {}),
      deadlines: deadlinesOf(view.entries, asOf, until),
    };
  }
}
