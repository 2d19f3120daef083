import { Body, Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { toDecimalString } from '@cvl/money';
import { toTrace } from '../http/trace.dto';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import type { CommitmentsState } from '../domain/state';
import { decideRegisterCondition } from './register-condition.decider';
import { RegisterConditionDto } from './register-condition.dto';

export function conditionView(state: CommitmentsState, conditionId: string) {
  const condition = state.conditions.get(conditionId);
  if (!condition) throw new NotFoundException(`Condition inconnue : ${conditionId}`);
  const awaiting = [...state.commitments.values()].filter((c) => c.conditionId === condition.id && c.status === 'conditional');
  return {
    ...condition,
    awaiting: awaiting.map((c) => ({ commitmentId: c.id, funder: c.funder, label: c.attribution.label, amount: toDecimalString(c.amountCents) })),
    awaitingTotal: toDecimalString(awaiting.reduce((sum, c) => sum + c.amountCents, 0n)),
  };
}

@ApiTags('conditions')
@Controller('api/commitments/conditions')
export class RegisterConditionController {
  constructor(private readonly ledger: CommitmentsLedger) {}

  @Post()
  @ApiOperation({ summary: 'Enregistrer une condition suspensive' })
  async register(@Body() body: RegisterConditionDto) {
    const executed = await this.ledger.execute((state) => decideRegisterCondition({ ...body, trace: toTrace(body.trace) }, state));
    return conditionView(executed.state, body.conditionId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Une condition et ce qui l’attend' })
  async get(@Param('id') id: string) {
    return conditionView((await this.ledger.current()).state, id);
  }
}
