import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import { NotFoundException } from '@nestjs/common';
import { referenceKey, type CommitmentsState } from '../domain/state';
import { aeCpTable, type AeCpTable } from './ae-cp';
import { apCpAnnex, type ApCpAnnex } from './ap-cp-annex';

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

export class ApCpAnnexQuery extends LedgerQuery<
  'ap-cp-annex',
  { access: Access; funder: string; year: number },
  ApCpAnnex
> {
  readonly type = 'ap-cp-annex';
}

/** The AP/CP annex of a funder's budget for a year: a financeur reads its own, the contract's team every funder's. */
@QueryHandler(ApCpAnnexQuery)
export class ApCpAnnexQueryHandler extends LedgerQueryHandler<ApCpAnnexQuery, ApCpAnnex> {
  protected read({ access, funder, year }: ApCpAnnexQuery['params'], state: CommitmentsState): ApCpAnnex {
    access.requireFor(
      'financeur',
      funder,
      `${access.organisation} ne lit que sa propre annexe AP/CP, pas celle de ${funder}`,
    );
    if (!state.references.has(referenceKey('funder', funder)))
      throw new NotFoundException(`Financeur inconnu : ${funder}`);
    return apCpAnnex(state, funder, year);
  }
}
