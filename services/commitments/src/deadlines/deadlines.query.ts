import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { CommitmentsState } from '../domain/state';
import { timelineView } from '../record-governance-step/timeline.query';
import { byDueDate, deadlinesOf, type Deadline } from './deadlines';
import { ledgerDeadlines } from './ledger-deadlines';

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

/**
 * What falls due: the steps the principal's timeline shows (a financeur: its own and the contract's), and the
 * deadlines the ledger's figures set for the funders it reads (n+3 of the EU funds, caducité of State subsidies).
 */
@QueryHandler(DeadlinesQuery)
export class DeadlinesQueryHandler extends LedgerQueryHandler<DeadlinesQuery, DeadlinesView> {
  protected read({ access, funder, asOf, until }: DeadlinesQuery['params'], state: CommitmentsState): DeadlinesView {
    const view = timelineView(state, access, funder);
    // The ledger's own deadlines: the funder asked for, else every funder the principal books for (a financeur, its own).
    const whose = (code: string) => (funder ? code === funder : access.all || code === access.organisation);
    return {
      asOf,
      until,
      ...(view.funder ? { funder: view.funder } : {}),
      deadlines: [...deadlinesOf(view.entries, asOf, until), ...ledgerDeadlines(state, whose, asOf, until)].sort(
        byDueDate,
      ),
    };
  }
}
