import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { decideResolveCondition, type ResolveCondition } from './resolve-condition.decider';

export class ResolveConditionCommand extends LedgerCommand<'resolve-condition', ResolveCondition> {
  readonly type = 'resolve-condition';
}

@CommandHandler(ResolveConditionCommand)
export class ResolveConditionHandler extends LedgerCommandHandler<ResolveConditionCommand> {
  protected readonly decide = decideResolveCondition;
}
