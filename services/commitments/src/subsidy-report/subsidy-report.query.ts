import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { CommitmentsState } from '../domain/state';
import { visibleCommitment } from '../http/access';
import { subsidyReport, type SubsidyReport } from './subsidy-report';

export class SubsidyReportQuery extends LedgerQuery<
  'subsidy-report',
  { access: Access; commitmentId: string },
  SubsidyReport
> {
  readonly type = 'subsidy-report';
}

/** The compte rendu financier of a subsidy: for whoever may read the commitment (its funder, the contract's team). */
@QueryHandler(SubsidyReportQuery)
export class SubsidyReportQueryHandler extends LedgerQueryHandler<SubsidyReportQuery, SubsidyReport> {
  protected read({ access, commitmentId }: SubsidyReportQuery['params'], state: CommitmentsState): SubsidyReport {
    return subsidyReport(state, visibleCommitment(access, state, commitmentId));
  }
}
