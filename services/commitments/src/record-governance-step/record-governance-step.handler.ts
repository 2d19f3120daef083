import { CommandHandler } from '@nestjs/cqrs';
import { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { decideRecordGovernanceStep, type RecordGovernanceStep } from './record-governance-step.decider';

export class RecordGovernanceStepCommand extends LedgerCommand<'record-governance-step', RecordGovernanceStep> {
  readonly type = 'record-governance-step';
}

@CommandHandler(RecordGovernanceStepCommand)
export class RecordGovernanceStepHandler extends LedgerCommandHandler<RecordGovernanceStepCommand> {
  protected readonly decide = decideRecordGovernanceStep;
}
