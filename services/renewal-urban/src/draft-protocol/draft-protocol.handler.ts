import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { ProtocolCommand, ProtocolCommandHandler } from '../application/protocol-use-case';
import { NPNRU_LIST_ID, NpnruListRepository } from '../list-npnru-quartier/npnru-list';
import {
  decideDraftProtocol,
  decideFormPurchasingGroup,
  type DraftProtocol,
  type FormPurchasingGroup,
} from './draft-protocol.decider';

export class DraftProtocolCommand extends ProtocolCommand<'draft-protocol', DraftProtocol> {
  readonly type = 'draft-protocol';
}

/** Drafts against ANRU's list of NPNRU quartiers as it stands: the decider checks each quartier and its interest. */
@CommandHandler(DraftProtocolCommand)
export class DraftProtocolHandler extends ProtocolCommandHandler<DraftProtocolCommand> {
  @Inject(NpnruListRepository) private readonly npnru!: NpnruListRepository;
  protected readonly decide = decideDraftProtocol;

  override async execute(command: DraftProtocolCommand) {
    const { state } = await this.npnru.load(NPNRU_LIST_ID);
    return super.execute(new DraftProtocolCommand(command.aggregateId, { ...command.payload, npnru: state }));
  }
}

export class FormPurchasingGroupCommand extends ProtocolCommand<'form-purchasing-group', FormPurchasingGroup> {
  readonly type = 'form-purchasing-group';
}

@CommandHandler(FormPurchasingGroupCommand)
export class FormPurchasingGroupHandler extends ProtocolCommandHandler<FormPurchasingGroupCommand> {
  protected readonly decide = decideFormPurchasingGroup;
}
