import { Injectable } from '@nestjs/common';
import { AggregateCommand, AggregateCommandHandler, UseCaseQuery, type Access } from '@cvl/platform';
import type { ItiEvent } from '../domain/events';
import type { Programme } from '../domain/state';
import { ProgrammeRepository } from '../infrastructure/programme-repository';

/** A command on one ITI programme (its stream): it answers with the programme as the command left it. */
export abstract class ProgrammeCommand<Type extends string, Payload> extends AggregateCommand<
  Type,
  Payload,
  Programme
> {}

/** Every command of the ITI service: the programme's stream loaded, the slice's decider, appended, answered. */
@Injectable()
export abstract class ProgrammeCommandHandler<
  C extends ProgrammeCommand<string, unknown>,
> extends AggregateCommandHandler<C, Programme, ItiEvent> {
  constructor(protected readonly writer: ProgrammeRepository) {
    super();
  }
}

/** A read of one programme, by someone whose access the answer is scoped to. */
export abstract class ProgrammeQuery<
  Type extends string,
  Params extends { access: Access; programmeId: string },
  Answer,
> extends UseCaseQuery<Type, Params, Answer> {}

/** Loads the programme (404 when it does not exist) and answers from it. */
@Injectable()
export abstract class ProgrammeQueryHandler<
  Q extends ProgrammeQuery<string, { access: Access; programmeId: string }, A>,
  A,
> {
  constructor(protected readonly programmes: ProgrammeRepository) {}

  protected abstract read(params: Q['params'], programme: Programme): A;

  async execute(query: Q): Promise<A> {
    return this.read(query.params, await this.programmes.get(query.params.programmeId));
  }
}
