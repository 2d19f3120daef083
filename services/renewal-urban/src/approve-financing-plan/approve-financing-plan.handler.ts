import { CommandHandler } from '@nestjs/cqrs';
import { ProtocolCommand, ProtocolCommandHandler } from '../application/protocol-use-case';
import { decideApproveFinancingPlan, type ApproveFinancingPlan } from './approve-financing-plan.decider';

export class ApproveFinancingPlanCommand extends ProtocolCommand<'approve-financing-plan', ApproveFinancingPlan> {
  readonly type = 'approve-financing-plan';
}

@CommandHandler(ApproveFinancingPlanCommand)
export class ApproveFinancingPlanHandler extends ProtocolCommandHandler<ApproveFinancingPlanCommand> {
  protected readonly decide = decideApproveFinancingPlan;
}
