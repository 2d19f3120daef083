import { CommandHandler } from '@nestjs/cqrs';
import { CommitmentCommand, CommitmentCommandHandler } from '../application/ledger-use-case';
import { decideSplitPool, type SplitPool } from './split-pool.decider';

export class SplitPoolCommand extends CommitmentCommand<'split-pool', SplitPool> {
  readonly type = 'split-pool';
}

@CommandHandler(SplitPoolCommand)
export class SplitPoolHandler extends CommitmentCommandHandler<SplitPoolCommand> {
  protected readonly decide = decideSplitPool;
}
