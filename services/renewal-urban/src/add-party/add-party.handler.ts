import { CommandHandler } from '@nestjs/cqrs';
import { ProtocolCommand, ProtocolCommandHandler } from '../application/protocol-use-case';
import { decideAddParty, type AddParty } from './add-party.decider';

export class AddPartyCommand extends ProtocolCommand<'add-party', AddParty> {
  readonly type = 'add-party';
}

@CommandHandler(AddPartyCommand)
export class AddPartyHandler extends ProtocolCommandHandler<AddPartyCommand> {
  protected readonly decide = decideAddParty;
}
