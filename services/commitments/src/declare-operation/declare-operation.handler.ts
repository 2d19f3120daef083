import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { decideDeclareOperation, type DeclareOperation } from './declare-operation.decider';

export class DeclareOperationCommand extends LedgerCommand<'declare-operation', DeclareOperation> {
  readonly type = 'declare-operation';
}

@CommandHandler(DeclareOperationCommand)
export class DeclareOperationHandler extends LedgerCommandHandler<DeclareOperationCommand> {
  protected readonly decide = decideDeclareOperation;
}
