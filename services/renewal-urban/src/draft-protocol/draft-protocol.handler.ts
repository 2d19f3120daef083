import { CommandHandler } from '@nestjs/cqrs';
import { ProtocolCommand, ProtocolCommandHandler } from '../application/protocol-use-case';
import {
  decideDraftProtocol,
  decideFormPurchasingGroup,
  type DraftProtocol,
  type FormPurchasingGroup,
} from './draft-protocol.decider';

export class DraftProtocolCommand extends ProtocolCommand<'draft-protocol', DraftProtocol> {
  readonly type = 'draft-protocol';
}

@CommandHandler(DraftProtocolCommand)
export class DraftProtocolHandler extends ProtocolCommandHandler<DraftProtocolCommand> {
  protected readonly decide = decideDraftProtocol;
}

export class FormPurchasingGroupCommand extends ProtocolCommand<'form-purchasing-group', FormPurchasingGroup> {
  readonly type = 'form-purchasing-group';
}

@CommandHandler(FormPurchasingGroupCommand)
export class FormPurchasingGroupHandler extends ProtocolCommandHandler<FormPurchasingGroupCommand> {
  protected readonly decide = decideFormPurchasingGroup;
}
