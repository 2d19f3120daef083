import { ProgrammeResponse } from '../http/responses';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow } from '@cvl/platform';
import { MANAGES_ITI } from '../http/access';
import { ServiceDoneDto } from './check-service-done.dto';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { CheckServiceDoneCommand } from './check-service-done.handler';

@ApiTags('opérations ITI')
@Controller('api/iti-feder/programmes/:id/operations/:operationId')
export class CheckServiceDoneController {
  constructor(private readonly commands: CommandBus) {}

  @Post('claims/:claimId/service-done')
  @ApiOkResponse({ type: ProgrammeResponse })
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Contrôle de service fait (dont contrôle de sur-financement avec les inscriptions des cofinanceurs)',
  })
  async serviceDone(
    @Param('id') id: string,
    @Param('operationId') operationId: string,
    @Param('claimId') claimId: string,
    @Body() body: ServiceDoneDto,
  ) {
    return programmeView(
      await this.commands.execute(
        new CheckServiceDoneCommand(id, {
          operationId,
          claimId,
          acceptedCents: fromDecimalString(body.acceptedExpenses),
          trace: toTrace(body.trace),
        }),
      ),
    );
  }
}
