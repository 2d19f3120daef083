import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { CommitmentsState } from '../domain/state';
import { leverageMap, type LeverageAxis, type LeverageFigure, type LeverageMap } from './leverage-map';

export class LeverageMapQuery extends LedgerQuery<
  'leverage-map',
  { access: Access; by: LeverageAxis; figure: LeverageFigure },
  LeverageMap
> {
  readonly type = 'leverage-map';
}

/** The whole contract's money per quartier or stake: the contract's team and the auditors read it (route policy). */
@QueryHandler(LeverageMapQuery)
export class LeverageMapQueryHandler extends LedgerQueryHandler<LeverageMapQuery, LeverageMap> {
  protected read({ by, figure }: LeverageMapQuery['params'], state: CommitmentsState): LeverageMap {
    return leverageMap(state, by, figure);
  }
}
