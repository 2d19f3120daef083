import { Injectable } from '@nestjs/common';
import {
  DecidingHandler,
  refusalAsProblem,
  UseCaseCommand,
  UseCaseQuery,
  type Access,
  type Decided,
} from '@cvl/platform';
import { refuse } from '../domain/refusals';
import type { DecisionContext } from '../domain/booking';
import { decidedUnderCaps } from '../domain/co-financing';
import type { CommitmentsEvent } from '../domain/events';
import type { CommitmentsState } from '../domain/state';
import { ownCommitmentGuard } from '../http/access';
import { ifMatchGuard } from '../http/commitment-resource';
import { CommitmentsLedger, type Decision, type Executed } from '../infrastructure/commitments-ledger';

/** A command of the ledger of record: one stream, so it names no stream; it answers with what the ledger wrote. */
export abstract class LedgerCommand<Type extends string, Payload> extends UseCaseCommand<Type, Payload, Executed> {}

/** Who asks for a command on an existing commitment, which one, and the version they saw (If-Match). */
export interface AskedOnCommitment {
  access: Access;
  commitmentId: string;
  ifMatch?: string;
}

/** A command on one existing commitment: only its funder books it (or the steering team), If-Match on its version. */
export abstract class CommitmentCommand<Type extends string, Payload> extends LedgerCommand<Type, Payload> {
  constructor(
    payload: Payload,
    readonly asked: AskedOnCommitment,
  ) {
    super(payload);
  }
}

/**
 * Every command of the ledger goes through here: the ledger (group commit: commitments-ledger.ts) loads, guards,
 * decides with the slice's decider and appends; the handler answers with what was written.
 */
@Injectable()
export abstract class LedgerCommandHandler<C extends LedgerCommand<string, unknown>> extends DecidingHandler<
  C,
  void,
  CommitmentsState,
  CommitmentsEvent,
  DecisionContext,
  Executed
> {
  constructor(protected readonly writer: CommitmentsLedger) {
    super();
  }

  protected override keyOf(): void {
    // One stream: the ledger needs no key.
  }

  /** The ledger's writer gives its Executed (with the ledger's revision) for the Decided the base asks for. */
  protected override answer(decided: Decided<CommitmentsState>): Executed {
    return decided as Executed;
  }

  /**
   * Every decision of the ledger, whoever asks, then passes the co-financing guard: no operation's cap exceeded by
   * more than it was (domain/co-financing.ts), on the decision's effective date.
   */
  protected override decideOn(command: C, state: CommitmentsState, context: DecisionContext) {
    return decidedUnderCaps(state, this.decide(command.payload, state, context), context.recordedAt);
  }

  /** The same decision, for the import that decides many commands before one append. */
  decision(command: C): Decision {
    return (state, context) => this.decideOn(command, state, context);
  }

  /** The decision with its guard (who may act, If-Match): for a draft avenant, simulated or signed as one batch. */
  guardedDecision(command: C): Decision {
    return (state, context) => {
      this.guard(command, state);
      return this.decideOn(command, state, context);
    };
  }
}

/** The handler of a command on one commitment: who asks must book for its funder, and If-Match holds. */
export abstract class CommitmentCommandHandler<
  C extends CommitmentCommand<string, unknown>,
> extends LedgerCommandHandler<C> {
  /**
   * Whether the command changes what a programme booked (amount, status): such a commitment changes through its
   * programme (an avenant to the protocol, the ITI's programming), never behind its back.
   */
  protected readonly changesWhatProgrammesHold: boolean = false;

  protected override guard(command: C, state: CommitmentsState): void {
    ownCommitmentGuard(command.asked.access, command.asked.commitmentId)(state);
    ifMatchGuard(command.asked.commitmentId, command.asked.ifMatch)(state);
    const request = state.commitments.get(command.asked.commitmentId)?.request;
    if (this.changesWhatProgrammesHold && request)
      throw refusalAsProblem(
        refuse(
          'booked-by-programme',
          `L’engagement ${command.asked.commitmentId} a été inscrit à la demande de ${request.source}${request.protocolId ? ` (${request.protocolId}, opération ${request.operationId ?? '?'})` : ''} : il se modifie par ce programme (avenant, nouvelle version du plan de financement), pas directement au registre`,
          { field: 'commitmentId' },
        ),
      );
  }
}

/** A read of the ledger of record, dispatched on the QueryBus; its parameters carry the principal's access. */
export abstract class LedgerQuery<Type extends string, Params, Answer> extends UseCaseQuery<Type, Params, Answer> {}

/** Reads the ledger caught up (its revision says whether it moved), then answers from its state. */
@Injectable()
// (An IQueryHandler<Q, A> by its shape.)
export abstract class LedgerQueryHandler<Q extends LedgerQuery<string, unknown, A>, A> {
  constructor(protected readonly ledger: CommitmentsLedger) {}

  protected abstract read(params: Q['params'], state: CommitmentsState): A | Promise<A>;

  async execute(query: Q): Promise<A> {
    const { state } = await this.ledger.current();
    return this.read(query.params, state);
  }
}
