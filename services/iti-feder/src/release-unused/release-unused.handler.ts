import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decideReleaseUnused, type ReleaseUnused } from './release-unused.decider';

export class ReleaseUnusedCommand extends ProgrammeCommand<'release-unused', ReleaseUnused> {
  readonly type = 'release-unused';
}

@CommandHandler(ReleaseUnusedCommand)
export class ReleaseUnusedHandler extends ProgrammeCommandHandler<ReleaseUnusedCommand> {
  protected readonly decide = decideReleaseUnused;
}
