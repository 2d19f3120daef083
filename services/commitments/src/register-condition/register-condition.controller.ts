import { Body, Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { toDecimalString } from '@cvl/money';
import { toTrace } from '../http/trace.dto';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import type { Commitment, CommitmentsState } from '../domain/state';
import { decideRegisterCondition } from './register-condition.decider';
import { RegisterConditionDto } from './register-condition.dto';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { READS_CONDITIONS, seesCommitment, STEERS_CONTRACT } from '../http/access';

export function conditionView(
  state: CommitmentsState,
  conditionId: string,
  seen: (c: Commitment) => boolean = () => true,
) {
  const condition = state.conditions.get(conditionId);
  if (!condition) throw new NotFoundException(`Condition inconnue : ${conditionId}`);
  const awaiting = [...state.commitments.values()].filter(
    (c) => c.conditionId === condition.id && c.status === 'conditional' && seen(c),
  );
  return {
    ...condition,
    awaiting: awaiting.map((c) => ({
      commitmentId: c.id,
      funder: c.funder,
      label: c.attribution.label,
      amount: toDecimalString(c.amountCents),
    })),
    awaitingTotal: toDecimalString(awaiting.reduce((sum, c) => sum + c.amountCents, 0n)),
  };
}

@ApiTags('conditions')
@Controller('api/commitments/conditions')
export class RegisterConditionController {
  constructor(private readonly ledger: CommitmentsLedger) {}

  @Post()
  @Allow(STEERS_CONTRACT)
  @ApiOperation({ summary: 'Enregistrer une condition suspensive' })
  async register(@Body() body: RegisterConditionDto) {
    const executed = await this.ledger.execute((state) =>
      decideRegisterCondition({ ...body, trace: toTrace(body.trace) }, state),
    );
    return conditionView(executed.state, body.conditionId);
  }

  @Get(':id')
  @Allow(READS_CONDITIONS)
  @ApiOperation({ summary: 'Une condition et ce qui l’attend' })
  async get(@CurrentAccess() access: Access, @Param('id') id: string) {
    const { state } = await this.ledger.current();
    const seen = (c: { funder: string }) => seesCommitment(access, c);
    // A financeur sees a condition only through its own commitments that await it.
    if (!access.all && ![...state.commitments.values()].some((c) => c.conditionId === id && seen(c)))
      throw new NotFoundException(`Condition inconnue : ${id}`);
    return conditionView(state, id, seen);
  }
}
