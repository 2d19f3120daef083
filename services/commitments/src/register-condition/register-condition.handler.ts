import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { decideRegisterCondition, type RegisterCondition } from './register-condition.decider';

export class RegisterConditionCommand extends LedgerCommand<'register-condition', RegisterCondition> {
  readonly type = 'register-condition';
}

@CommandHandler(RegisterConditionCommand)
export class RegisterConditionHandler extends LedgerCommandHandler<RegisterConditionCommand> {
  protected readonly decide = decideRegisterCondition;
}
