import { CommandHandler } from '@nestjs/cqrs';
import { ProtocolCommand, ProtocolCommandHandler } from '../application/protocol-use-case';
import {
  decideReviseOperation,
  decideWithdrawOperation,
  type ReviseOperation,
  type WithdrawOperation,
} from './revise-operation.decider';

export class ReviseOperationCommand extends ProtocolCommand<'revise-operation', ReviseOperation> {
  readonly type = 'revise-operation';
}

export class WithdrawOperationCommand extends ProtocolCommand<'withdraw-operation', WithdrawOperation> {
  readonly type = 'withdraw-operation';
}

@CommandHandler(ReviseOperationCommand)
export class ReviseOperationHandler extends ProtocolCommandHandler<ReviseOperationCommand> {
  protected readonly decide = decideReviseOperation;
}

@CommandHandler(WithdrawOperationCommand)
export class WithdrawOperationHandler extends ProtocolCommandHandler<WithdrawOperationCommand> {
  protected readonly decide = decideWithdrawOperation;
}
