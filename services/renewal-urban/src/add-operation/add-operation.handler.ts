import { CommandHandler } from '@nestjs/cqrs';
import { ProtocolCommand, ProtocolCommandHandler } from '../application/protocol-use-case';
import { decideAddOperation, type AddOperation } from './add-operation.decider';

export class AddOperationCommand extends ProtocolCommand<'add-operation', AddOperation> {
  readonly type = 'add-operation';
}

@CommandHandler(AddOperationCommand)
export class AddOperationHandler extends ProtocolCommandHandler<AddOperationCommand> {
  protected readonly decide = decideAddOperation;
}
