import { CommandHandler } from '@nestjs/cqrs';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import { decidePayClaim, type PayClaim } from './pay-claim.decider';

export class PayClaimCommand extends ProgrammeCommand<'pay-claim', PayClaim> {
  readonly type = 'pay-claim';
}

@CommandHandler(PayClaimCommand)
export class PayClaimHandler extends ProgrammeCommandHandler<PayClaimCommand> {
  protected readonly decide = decidePayClaim;
}
