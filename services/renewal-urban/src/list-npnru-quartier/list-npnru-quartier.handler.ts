import { CommandHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateCommand, AggregateQuery, aggregateHandlers } from '@cvl/platform';
import { decideListNpnruQuartier, type ListNpnruQuartier } from './list-npnru-quartier.decider';
import { NpnruListRepository, type NpnruList } from './npnru-list';

const { CommandHandlerBase, QueryHandlerBase } = aggregateHandlers(NpnruListRepository);

export class ListNpnruQuartierCommand extends AggregateCommand<'list-npnru-quartier', ListNpnruQuartier, NpnruList> {
  readonly type = 'list-npnru-quartier';
}

@CommandHandler(ListNpnruQuartierCommand)
export class ListNpnruQuartierHandler extends CommandHandlerBase<ListNpnruQuartierCommand> {
  protected readonly decide = decideListNpnruQuartier;
}

export interface NpnruListView {
  quartiers: Array<{ code: string; name: string; interest: 'national' | 'regional' }>;
}

export class NpnruListQuery extends AggregateQuery<'npnru-list', Record<string, never>, NpnruListView> {
  readonly type = 'npnru-list';
}

/** ANRU's list, by code. */
@QueryHandler(NpnruListQuery)
export class NpnruListQueryHandler extends QueryHandlerBase<NpnruListQuery, NpnruListView> {
  protected read(_params: Record<string, never>, state: NpnruList): NpnruListView {
    return {
      quartiers: [...state.quartiers.entries()]
        .map(([code, q]) => ({ code, name: q.name, interest: q.interest }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  }
}
