import { QueryHandler } from '@nestjs/cqrs';
import { paginate, type Page, type PageQuery } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { ReferenceKind } from '../domain/events';
import type { CommitmentsState, ReferenceItem } from '../domain/state';

export class ReferencesQuery extends LedgerQuery<
  'references',
  { kind: ReferenceKind; page: PageQuery },
  Page<ReferenceItem>
> {
  readonly type = 'references';
}

/** One collection of the reference data, by code. */
@QueryHandler(ReferencesQuery)
export class ReferencesQueryHandler extends LedgerQueryHandler<ReferencesQuery, Page<ReferenceItem>> {
  protected read({ kind, page }: ReferencesQuery['params'], state: CommitmentsState): Page<ReferenceItem> {
    return paginate(
      [...state.references.values()].filter((r) => r.kind === kind).sort((a, b) => a.code.localeCompare(b.code)),
      page,
    );
  }
}
