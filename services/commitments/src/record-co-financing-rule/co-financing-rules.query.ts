import { QueryHandler } from '@nestjs/cqrs';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import { CO_FINANCING_RULES, type CoFinancingRule } from '../domain/co-financing-rules';
import type { CommitmentsState } from '../domain/state';

/** The rules the guard applies: the texts in code, then those recorded in the ledger (which replace or add). */
export function coFinancingRulesView(recorded: readonly CoFinancingRule[]) {
  return { defaults: [...CO_FINANCING_RULES], recorded: [...recorded] };
}

export type CoFinancingRulesView = ReturnType<typeof coFinancingRulesView>;

export class CoFinancingRulesQuery extends LedgerQuery<
  'co-financing-rules',
  Record<string, never>,
  CoFinancingRulesView
> {
  readonly type = 'co-financing-rules';
}

@QueryHandler(CoFinancingRulesQuery)
export class CoFinancingRulesQueryHandler extends LedgerQueryHandler<CoFinancingRulesQuery, CoFinancingRulesView> {
  protected read(_params: Record<string, never>, state: CommitmentsState): CoFinancingRulesView {
    return coFinancingRulesView(state.coFinancingRules);
  }
}
