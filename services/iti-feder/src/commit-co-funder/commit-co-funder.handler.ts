import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decideCommitCoFunder, type CommitCoFunder } from './commit-co-funder.decider';

export class CommitCoFunderCommand extends ProgrammeCommand<'commit-co-funder', CommitCoFunder> {
  readonly type = 'commit-co-funder';
}

@CommandHandler(CommitCoFunderCommand)
export class CommitCoFunderHandler extends ProgrammeCommandHandler<CommitCoFunderCommand> {
  protected readonly decide = decideCommitCoFunder;
}
