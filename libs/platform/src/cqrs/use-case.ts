import { Inject, Injectable, NotFoundException, type Type } from '@nestjs/common';
import { Command, Query } from '@nestjs/cqrs';
import type { RecordedEvent } from '@cvl/event-store';
import type { Refusal } from '@cvl/refusal';
import { inSpan } from '@cvl/messaging';

/**
 * A use case's command, as every entry point builds it — a controller from its DTO, the import from a row, a consumer
 * from a message — and dispatches it on the CommandBus: its type (the name tests and logs use), what it carries, and
 * (for the bus's typing) what its handler answers. The payload is what the slice's decider takes.
 */
export abstract class UseCaseCommand<Type extends string, Payload, Answer> extends Command<Answer> {
  abstract readonly type: Type;

  constructor(readonly payload: Payload) {
    super();
  }
}

/** A read, dispatched on the QueryBus the same way: its type, its parameters (the principal's access among them). */
export abstract class UseCaseQuery<Type extends string, Params, Answer> extends Query<Answer> {
  abstract readonly type: Type;

  constructor(readonly params: Params) {
    super();
  }
}

/** What writing a decision left: the events as stored, the state after them, and whether the command was a replay. */
export interface Decided<S> {
  state: S | undefined;
  recorded: RecordedEvent[];
  /** The command had already been recorded (same Idempotency-Key or command key): nothing was decided again. */
  replayed: boolean;
}

/** A pure decider as every slice writes it: the command's payload and the state as stored, then events or a refusal. */
export type Decide<P, S, E, X> = (payload: P, state: S, context: X) => E[] | Refusal;

/**
 * Where decisions are written: reads the state as stored (by pages), decides, appends after what it read, decides
 * again when another writer got there first (a bounded number of times), and gives the state it leaves. `guard` sees
 * the state before the decider (who may act on it, an If-Match).
 */
export interface DecisionWriter<K, S, E, X> {
  write(key: K, decide: (state: S, context: X) => E[] | Refusal, guard?: (state: S) => void): Promise<Decided<S>>;
}

/**
 * The one handler every command of the suite goes through: it names what the command concerns (its stream, or the
 * ledger), lets the writer load, guard, decide and append, and answers. The durable reactions come from the event
 * store and Kafka (outbox, relay, consumers), never from Nest's in-memory EventBus: nothing here publishes.
 */
// (An ICommandHandler<C, A> by its shape: TypeScript cannot `implements` it over a generic C.)
export abstract class DecidingHandler<C extends UseCaseCommand<string, unknown, A>, K, S, E, X, A> {
  protected abstract readonly writer: DecisionWriter<K, S, E, X>;
  protected abstract readonly decide: Decide<C['payload'], S, E, X>;

  /** What the command concerns, for the writer (a stream's id; the ledger needs none). */
  protected abstract keyOf(command: C): K;

  /** What the caller gets back once the decision is written. */
  protected abstract answer(decided: Decided<S>, command: C): A;

  /** Checks on the state before deciding that belong to who asks, not to the domain (ownership, If-Match). */
  protected guard(_command: C, _state: S): void {
    // None by default: most commands are guarded by their route's policy alone.
  }

  /** The decision on the state as stored: the slice's decider, and what the service checks on every decision. */
  protected decideOn(command: C, state: S, context: X): E[] | Refusal {
    return this.decide(command.payload, state, context);
  }

  async execute(command: C): Promise<A> {
    return inSpan(`command ${command.type}`, { attributes: { 'cvl.command': command.type } }, async (span) => {
      const decided = await this.writer.write(
        this.keyOf(command),
        (state, context) => this.decideOn(command, state, context),
        (state) => this.guard(command, state),
      );
      span.setAttribute('cvl.events', decided.recorded.length);
      if (decided.replayed) span.setAttribute('cvl.replayed', true);
      return this.answer(decided, command);
    });
  }
}

/** A command on one aggregate kept as its own stream (a protocol, a programme): its id names the stream. */
export abstract class AggregateCommand<Type extends string, Payload, S> extends UseCaseCommand<Type, Payload, S> {
  constructor(
    readonly aggregateId: string,
    payload: Payload,
  ) {
    super(payload);
  }
}

/** The writer of aggregates kept one stream each: it also says how an unknown one is named to the user. */
export interface AggregateWriter<S, E> extends DecisionWriter<string, S | undefined, E, void> {
  notFound(id: string): string;
}

/**
 * The handler of a command on one aggregate: decides on its state as stored and answers with the state the command
 * leaves (a command replayed answers the current one); an aggregate that still does not exist afterwards is a 404.
 */
export abstract class AggregateCommandHandler<
  C extends AggregateCommand<string, unknown, S>,
  S,
  E extends { type: string; data: object },
> extends DecidingHandler<C, string, S | undefined, E, void, S> {
  protected abstract override readonly writer: AggregateWriter<S, E>;

  protected override keyOf(command: C): string {
    return command.aggregateId;
  }

  protected override answer(decided: Decided<S | undefined>, command: C): S {
    if (decided.state === undefined) throw new NotFoundException(this.writer.notFound(command.aggregateId));
    return decided.state;
  }
}

/** Reads an aggregate kept as its own stream: its state, or a 404 in the user's words when it does not exist. */
export interface AggregateReader<S> {
  get(id: string): Promise<S>;
}

/** A read of one aggregate (its id names the stream), by someone whose access the answer is scoped to. */
export abstract class AggregateQuery<Type extends string, Params, Answer> extends UseCaseQuery<Type, Params, Answer> {
  constructor(
    readonly aggregateId: string,
    params: Params,
  ) {
    super(params);
  }
}

/** Loads the aggregate (404 when it does not exist), then answers from it. */
export abstract class AggregateQueryHandler<Q extends AggregateQuery<string, unknown, A>, S, A> {
  protected abstract readonly aggregates: AggregateReader<S>;

  protected abstract read(params: Q['params'], state: S): A;

  async execute(query: Q): Promise<A> {
    return this.read(query.params, await this.aggregates.get(query.aggregateId));
  }
}

/**
 * The bases of one service's handlers over its repository (one stream per aggregate), injected by its class: each
 * use case's handler extends them and names only its decider (or its reading).
 */
export function aggregateHandlers<S, E extends { type: string; data: object }>(
  repository: Type<AggregateWriter<S, E> & AggregateReader<S>>,
) {
  @Injectable()
  abstract class CommandHandlerBase<C extends AggregateCommand<string, unknown, S>> extends AggregateCommandHandler<
    C,
    S,
    E
  > {
    constructor(@Inject(repository) protected readonly writer: AggregateWriter<S, E>) {
      super();
    }
  }

  @Injectable()
  abstract class QueryHandlerBase<Q extends AggregateQuery<string, unknown, A>, A> extends AggregateQueryHandler<
    Q,
    S,
    A
  > {
    constructor(@Inject(repository) protected readonly aggregates: AggregateReader<S>) {
      super();
    }
  }

  return { CommandHandlerBase, QueryHandlerBase };
}
