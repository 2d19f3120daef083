import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decideProgramOperation, type ProgramOperation } from './program-operation.decider';

export class ProgramOperationCommand extends ProgrammeCommand<'program-operation', ProgramOperation> {
  readonly type = 'program-operation';
}

@CommandHandler(ProgramOperationCommand)
export class ProgramOperationHandler extends ProgrammeCommandHandler<ProgramOperationCommand> {
  protected readonly decide = decideProgramOperation;
}
