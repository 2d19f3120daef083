import { CommandHandler } from '@nestjs/cqrs';
import { ProtocolCommand, ProtocolCommandHandler } from '../application/protocol-use-case';
import { decideLifecycle, type LifecycleCommand } from './protocol-lifecycle.decider';

export class ProtocolStepCommand extends ProtocolCommand<'protocol-step', LifecycleCommand> {
  readonly type = 'protocol-step';
}

@CommandHandler(ProtocolStepCommand)
export class ProtocolStepHandler extends ProtocolCommandHandler<ProtocolStepCommand> {
  protected readonly decide = decideLifecycle;
}
