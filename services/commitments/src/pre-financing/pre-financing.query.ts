import { NotFoundException } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import { funderName, referenceKey, type CommitmentsState } from '../domain/state';
import { preFinancingForecast, type PreFinancingForecast } from './pre-financing';

export class PreFinancingQuery extends LedgerQuery<
  'pre-financing',
  { access: Access; projectOwner: string },
  PreFinancingForecast
> {
  readonly type = 'pre-financing';
}

/** A project owner reads its own forecast; the contract's team and the auditors every owner's. */
@QueryHandler(PreFinancingQuery)
export class PreFinancingQueryHandler extends LedgerQueryHandler<PreFinancingQuery, PreFinancingForecast> {
  protected read({ access, projectOwner }: PreFinancingQuery['params'], state: CommitmentsState): PreFinancingForecast {
    const nameOf = (code: string) => funderName(state, code);
    // Another owner's cash plan is as unknown to it as one that does not exist (as a draft not shared with it).
    if (!access.all && access.organisation !== projectOwner)
      throw new NotFoundException(
        `Plan de trésorerie introuvable : ${nameOf(access.organisation)} ne lit que le sien, pas celui de ${nameOf(projectOwner)}`,
      );
    if (!state.references.has(referenceKey('funder', projectOwner)))
      throw new NotFoundException(`Maître d’ouvrage inconnu : ${projectOwner}`);
    return preFinancingForecast(state, projectOwner);
  }
}
