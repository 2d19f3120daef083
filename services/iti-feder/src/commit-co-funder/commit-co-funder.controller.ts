import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@cvl/platform';
import { AgreementDto } from '../agree-grant/agree-grant.dto';
import { MANAGES_ITI } from '../http/access';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { ProgrammeResponse } from '../http/responses';
import { CommitCoFunderCommand } from './commit-co-funder.handler';

@ApiTags('opérations ITI')
@Controller('api/iti-feder/programmes/:id/operations/:operationId')
export class CommitCoFunderController {
  constructor(private readonly commands: CommandBus) {}

  @Post('co-funders/:funder/commitment')
  @ApiOkResponse({ type: ProgrammeResponse })
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Engagement d’un cofinanceur par son propre acte (délibération, convention) : sa ligne devient ferme au grand livre',
  })
  async commit(
    @Param('id') id: string,
    @Param('operationId') operationId: string,
    @Param('funder') funder: string,
    @Body() body: AgreementDto,
  ) {
    return programmeView(
      await this.commands.execute(
        new CommitCoFunderCommand(id, {
          operationId,
          funder,
          act: { reference: body.act.reference, date: body.act.date },
          trace: toTrace(body.trace),
        }),
      ),
    );
  }
}
