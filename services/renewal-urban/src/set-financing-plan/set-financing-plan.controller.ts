import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { toTrace } from '../http/effect';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { assertFilesPlanOf, FILES_PLAN, protocolFor } from '../http/access';
import { ProtocolRepository } from '../infrastructure/protocol-repository';
import { decideSetFinancingPlan } from './set-financing-plan.decider';
import { SetFinancingPlanDto } from './set-financing-plan.dto';

@ApiTags('protocole de préfiguration')
@Controller('api/renewal-urban/protocols')
export class SetFinancingPlanController {
  constructor(private readonly protocols: ProtocolRepository) {}

  @Put(':id/operations/:operationId/financing-plan')
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
      await this.protocols.executed(id, (state) => {
        if (state) assertFilesPlanOf(access, state, operationId);
        return decideSetFinancingPlan(
          {
            operationId,
            lines: body.lines.map((l) => ({ funder: l.funder, amountCents: fromDecimalString(l.amount) })),
            ...(body.groupShare ? { groupShareCents: fromDecimalString(body.groupShare) } : {}),
            trace: toTrace(body.trace),
          },
          state,
        );
      }),
    );
  }
}
