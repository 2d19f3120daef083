import { ProgrammeResponse } from '../http/responses';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Allow } from '@cvl/platform';
import { MANAGES_ITI } from '../http/access';
import { StepDto } from '../http/dto';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { PayClaimCommand } from './pay-claim.handler';

@ApiTags('opérations ITI')
@Controller('api/iti-feder/programmes/:id/operations/:operationId')
export class PayClaimController {
  constructor(private readonly commands: CommandBus) {}

  @Post('claims/:claimId/payment')
  @ApiOkResponse({ type: ProgrammeResponse })
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({ summary: 'Payer ce que le contrôle a retenu, jamais au-delà du programmé' })
  async payment(
    @Param('id') id: string,
    @Param('operationId') operationId: string,
    @Param('claimId') claimId: string,
    @Body() body: StepDto,
  ) {
    return programmeView(
      await this.commands.execute(new PayClaimCommand(id, { operationId, claimId, trace: toTrace(body.trace) })),
    );
  }
}
