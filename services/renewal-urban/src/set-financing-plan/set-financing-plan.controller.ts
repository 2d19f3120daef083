import { ProtocolResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { toTrace } from '../http/effect';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { FILES_PLAN, protocolFor } from '../http/access';
import { SetFinancingPlanCommand } from './set-financing-plan.handler';
import { SetFinancingPlanDto } from './set-financing-plan.dto';

@ApiTags('protocole de préfiguration')
@Controller('api/renewal-urban/protocols')
export class SetFinancingPlanController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/operations/:operationId/financing-plan')
  @ApiOkResponse({ type: ProtocolResponse })
  @Allow(FILES_PLAN)
  @ApiOperation({
    summary: 'Fixer le plan de financement d’une opération (égal à l’assiette HT, dans les règles de l’ANRU)',
  })
  async set(
    @CurrentAccess() access: Access,
    @Param('id') id: string,
    @Param('operationId') operationId: string,
    @Body() body: SetFinancingPlanDto,
  ) {
    return protocolFor(
      access,
      await this.commands.execute(
        new SetFinancingPlanCommand(
          id,
          {
            operationId,
            lines: body.lines.map((l) => ({ funder: l.funder, amountCents: fromDecimalString(l.amount) })),
            ...(body.groupShare ? { groupShareCents: fromDecimalString(body.groupShare) } : {}),
            trace: toTrace(body.trace),
          },
          access,
        ),
      ),
    );
  }
}
