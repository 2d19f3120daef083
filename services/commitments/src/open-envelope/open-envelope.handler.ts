import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { decideOpenEnvelope, type OpenEnvelope } from './open-envelope.decider';

export class OpenEnvelopeCommand extends LedgerCommand<'open-envelope', OpenEnvelope> {
  readonly type = 'open-envelope';
}

@CommandHandler(OpenEnvelopeCommand)
export class OpenEnvelopeHandler extends LedgerCommandHandler<OpenEnvelopeCommand> {
  protected readonly decide = decideOpenEnvelope;
}
