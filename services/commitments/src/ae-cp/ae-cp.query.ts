import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { CommitmentsState } from '../domain/state';
import { aeCpTable, type AeCpTable } from './ae-cp';

export class AeCpQuery extends LedgerQuery<'ae-cp', { access: Access; funder?: string }, AeCpTable> {
  readonly type = 'ae-cp';
}

/**
 * A financeur reads its own AE/CP; the contract's team and the auditors every funder's, and the contract's (every
 * funder summed: no funder named), which a financeur may not.
 */
@QueryHandler(AeCpQuery)
export class AeCpQueryHandler extends LedgerQueryHandler<AeCpQuery, AeCpTable> {
  protected read({ access, funder }: AeCpQuery['params'], state: CommitmentsState): AeCpTable {
    access.requireFor(
      'financeur',
      funder,
      `${access.organisation} ne lit que ses propres AE/CP, pas celles de ${funder ?? 'tout le contrat'}`,
    );
    return aeCpTable(state, funder);
  }
}
