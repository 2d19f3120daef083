import { ProgrammeResponse } from '../http/responses';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Allow } from '@cvl/platform';
import { MANAGES_ITI } from '../http/access';
import { StepDto } from '../http/dto';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { CompleteApplicationCommand } from './complete-application.handler';

@ApiTags('opérations ITI')
@Controller('api/iti-feder/programmes/:id/operations/:operationId')
export class CompleteApplicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('completeness')
  @ApiOkResponse({ type: ProgrammeResponse })
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({ summary: 'Déclarer le dossier complet (organisme intermédiaire)' })
  async completeness(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: StepDto) {
    return programmeView(
      await this.commands.execute(new CompleteApplicationCommand(id, { operationId, trace: toTrace(body.trace) })),
    );
  }
}
