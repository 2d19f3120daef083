import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { decideRecordCoFinancingRule, type RecordCoFinancingRule } from './record-co-financing-rule.decider';

export class RecordCoFinancingRuleCommand extends LedgerCommand<'record-co-financing-rule', RecordCoFinancingRule> {
  readonly type = 'record-co-financing-rule';
}

@CommandHandler(RecordCoFinancingRuleCommand)
export class RecordCoFinancingRuleHandler extends LedgerCommandHandler<RecordCoFinancingRuleCommand> {
  protected readonly decide = decideRecordCoFinancingRule;
}
