import { Body, Controller, Get, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@cvl/platform';
import { CoFinancingRulesResponse } from '../http/responses';
import { toTrace } from '../http/trace.dto';
import { READS_OPERATIONS } from '../http/access';
import { CoFinancingRulesQuery, coFinancingRulesView } from './co-financing-rules.query';
import { RecordCoFinancingRuleCommand } from './record-co-financing-rule.handler';
import { coFinancingRuleOf, RecordCoFinancingRuleDto } from './record-co-financing-rule.dto';

@ApiTags('registre des opérations')
@Controller('api/commitments/co-financing-rules')
export class RecordCoFinancingRuleController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CoFinancingRulesResponse })
  @Allow({ all: ['pilotage'] })
  @ApiOperation({
    summary: 'Enregistrer une règle de cofinancement (un plafond, sa source juridique, sa date d’entrée en vigueur)',
  })
  async record(@Body() body: RecordCoFinancingRuleDto) {
    const executed = await this.commands.execute(
      new RecordCoFinancingRuleCommand({ rule: coFinancingRuleOf(body.rule), trace: toTrace(body.trace) }),
    );
    return coFinancingRulesView(executed.state.coFinancingRules);
  }

  @Get()
  @ApiOkResponse({ type: CoFinancingRulesResponse })
  @Allow(READS_OPERATIONS)
  @ApiOperation({ summary: 'Les règles de cofinancement : celles du code (textes en vigueur) et celles enregistrées' })
  list() {
    return this.queries.execute(new CoFinancingRulesQuery({}));
  }
}
