import { ConditionResponse } from '../http/responses';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { toTrace } from '../http/trace.dto';
import { ConditionQuery, conditionView } from './condition.query';
import { RegisterConditionCommand } from './register-condition.handler';
import { RegisterConditionDto } from './register-condition.dto';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { READS_CONDITIONS, STEERS_CONTRACT } from '../http/access';

@ApiTags('conditions')
@Controller('api/commitments/conditions')
export class RegisterConditionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: ConditionResponse })
  @Allow(STEERS_CONTRACT)
  @ApiOperation({ summary: 'Enregistrer une condition suspensive' })
  async register(@Body() body: RegisterConditionDto) {
    const executed = await this.commands.execute(new RegisterConditionCommand({ ...body, trace: toTrace(body.trace) }));
    return conditionView(executed.state, body.conditionId);
  }

  @Get(':id')
  @ApiOkResponse({ type: ConditionResponse })
  @Allow(READS_CONDITIONS)
  @ApiOperation({ summary: 'Une condition et ce qui l’attend' })
  async get(@CurrentAccess() access: Access, @Param('id') id: string) {
    return this.queries.execute(new ConditionQuery({ access, conditionId: id }));
  }
}
