import { ProgrammeResponse } from '../http/responses';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Allow } from '@cvl/platform';
import { MANAGES_ITI } from '../http/access';
import { AgreementDto } from './agree-grant.dto';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { AgreeGrantCommand } from './agree-grant.handler';

@ApiTags('opérations ITI')
@Controller('api/iti-feder/programmes/:id/operations/:operationId')
export class AgreeGrantController {
  constructor(private readonly commands: CommandBus) {}

  @Post('agreement')
  @ApiOkResponse({ type: ProgrammeResponse })
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({ summary: 'Convention attributive : l’engagement juridique' })
  async agreement(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: AgreementDto) {
    return programmeView(
      await this.commands.execute(
        new AgreeGrantCommand(id, {
          operationId,
          act: { reference: body.act.reference, date: body.act.date },
          trace: toTrace(body.trace),
        }),
      ),
    );
  }
}
