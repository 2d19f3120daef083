import { CommandHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { ProtocolCommand, ProtocolCommandHandler } from '../application/protocol-use-case';
import type { Protocol } from '../domain/state';
import { assertFilesPlanOf } from '../http/access';
import { decideSetFinancingPlan, type SetFinancingPlan } from './set-financing-plan.decider';

/** A plan filed by someone: ANRU's instructors for any operation, a project owner for its own only. */
export class SetFinancingPlanCommand extends ProtocolCommand<'set-financing-plan', SetFinancingPlan> {
  readonly type = 'set-financing-plan';

  constructor(
    protocolId: string,
    payload: SetFinancingPlan,
    readonly access: Access,
  ) {
    super(protocolId, payload);
  }
}

@CommandHandler(SetFinancingPlanCommand)
export class SetFinancingPlanHandler extends ProtocolCommandHandler<SetFinancingPlanCommand> {
  protected readonly decide = (plan: SetFinancingPlan, state: Protocol | undefined) =>
    decideSetFinancingPlan(plan, state);

  protected override guard(command: SetFinancingPlanCommand, state: Protocol | undefined): void {
    if (state) assertFilesPlanOf(command.access, state, command.payload.operationId);
  }
}
