import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { ProtocolQuery, ProtocolQueryHandler } from '../application/protocol-use-case';
import type { Protocol } from '../domain/state';
import { protocolFor } from '../http/access';

type ProtocolView = ReturnType<typeof protocolFor>;

export class ProtocolViewQuery extends ProtocolQuery<'protocol', { access: Access }, ProtocolView> {
  readonly type = 'protocol';
}

/** The protocol, its operations, their plans and the ledger's answers — as much as the principal may see. */
@QueryHandler(ProtocolViewQuery)
export class ProtocolViewQueryHandler extends ProtocolQueryHandler<ProtocolViewQuery, ProtocolView> {
  protected read({ access }: ProtocolViewQuery['params'], protocol: Protocol): ProtocolView {
    return protocolFor(access, protocol);
  }
}
