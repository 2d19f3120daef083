import { ProgrammeResponse } from '../http/responses';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Allow } from '@cvl/platform';
import { MANAGES_ITI } from '../http/access';
import { ProgrammingDto } from './program-operation.dto';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { ProgramOperationCommand } from './program-operation.handler';

@ApiTags('opérations ITI')
@Controller('api/iti-feder/programmes/:id/operations/:operationId')
export class ProgramOperationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('programming')
  @ApiOkResponse({ type: ProgrammeResponse })
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Programmer (comité) : jamais au-delà de l’enveloppe de l’axe ; le grand livre inscrit les lignes',
  })
  async programming(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: ProgrammingDto) {
    return programmeView(
      await this.commands.execute(
        new ProgramOperationCommand(id, { operationId, committeeDate: body.committeeDate, trace: toTrace(body.trace) }),
      ),
    );
  }
}
