import { AggregateCommand, AggregateQuery, aggregateHandlers } from '@cvl/platform';
import type { Protocol } from '../domain/state';
import { ProtocolRepository } from '../infrastructure/protocol-repository';

/** A command on one préfiguration protocol (its stream): it answers with the protocol as the command left it. */
export abstract class ProtocolCommand<Type extends string, Payload> extends AggregateCommand<Type, Payload, Protocol> {}

/** A read of one protocol, scoped to who reads. */
export abstract class ProtocolQuery<Type extends string, Params, Answer> extends AggregateQuery<Type, Params, Answer> {}

/** Every command and query of the renewal service goes through these: the protocol's stream loaded, then decided or read. */
export const { CommandHandlerBase: ProtocolCommandHandler, QueryHandlerBase: ProtocolQueryHandler } =
  aggregateHandlers(ProtocolRepository);
