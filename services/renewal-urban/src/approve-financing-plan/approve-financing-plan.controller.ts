import { ProtocolResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { toTrace } from '../http/effect';
import { protocolOf } from '../http/protocol-view';
import { StepDto } from '../protocol-lifecycle/protocol-lifecycle.dto';
import { ApproveFinancingPlanCommand } from './approve-financing-plan.handler';
import { Allow } from '@cvl/platform';
import { INSTRUCTS_PROTOCOL } from '../http/access';

@ApiTags('protocole de préfiguration')
@Controller('api/renewal-urban/protocols')
export class ApproveFinancingPlanController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/operations/:operationId/approval')
  @ApiOkResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approuver le plan : le grand livre inscrit chaque ligne (indicative avant signature, ferme après)',
  })
  async approve(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: StepDto) {
    return protocolOf(
      await this.commands.execute(new ApproveFinancingPlanCommand(id, { operationId, trace: toTrace(body.trace) })),
    );
  }
}
