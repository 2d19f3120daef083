import { AggregateCommand, AggregateQuery, aggregateHandlers } from '@cvl/platform';
import type { Programme } from '../domain/state';
import { ProgrammeRepository } from '../infrastructure/programme-repository';

/** A command on one ITI programme (its stream): it answers with the programme as the command left it. */
export abstract class ProgrammeCommand<Type extends string, Payload> extends AggregateCommand<
  Type,
  Payload,
  Programme
> {}

/** A read of one programme, scoped to who reads. */
export abstract class ProgrammeQuery<Type extends string, Params, Answer> extends AggregateQuery<
  Type,
  Params,
  Answer
> {}

/** Every command and query of the ITI service goes through these: the programme's stream loaded, then decided or read. */
export const { CommandHandlerBase: ProgrammeCommandHandler, QueryHandlerBase: ProgrammeQueryHandler } =
  aggregateHandlers(ProgrammeRepository);
