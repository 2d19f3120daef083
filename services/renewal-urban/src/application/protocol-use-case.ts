import { Injectable } from '@nestjs/common';
import { AggregateCommand, AggregateCommandHandler, UseCaseQuery, type Access } from '@cvl/platform';
import type { RenewalEvent } from '../domain/events';
import type { Protocol } from '../domain/state';
import { ProtocolRepository } from '../infrastructure/protocol-repository';

/** A command on one préfiguration protocol (its stream): it answers with the protocol as the command left it. */
export abstract class ProtocolCommand<Type extends string, Payload> extends AggregateCommand<Type, Payload, Protocol> {}

/** Every command of the renewal service: the protocol's stream loaded, the slice's decider, appended, answered. */
@Injectable()
export abstract class ProtocolCommandHandler<
  C extends ProtocolCommand<string, unknown>,
> extends AggregateCommandHandler<C, Protocol, RenewalEvent> {
  constructor(protected readonly writer: ProtocolRepository) {
    super();
  }
}

/** A read of one protocol, by someone whose access the answer is scoped to. */
export abstract class ProtocolQuery<
  Type extends string,
  Params extends { access: Access; protocolId: string },
  Answer,
> extends UseCaseQuery<Type, Params, Answer> {}

/** Loads the protocol (404 when it does not exist) and answers from it. */
@Injectable()
export abstract class ProtocolQueryHandler<
  Q extends ProtocolQuery<string, { access: Access; protocolId: string }, A>,
  A,
> {
  constructor(protected readonly protocols: ProtocolRepository) {}

  protected abstract read(params: Q['params'], protocol: Protocol): A;

  async execute(query: Q): Promise<A> {
    return this.read(query.params, await this.protocols.get(query.params.protocolId));
  }
}
