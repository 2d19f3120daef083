import { ProgrammeResponse } from '../http/responses';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import { Allow } from '@cvl/platform';
import { MANAGES_ITI } from '../http/access';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { StrategyDto } from './adopt-strategy.dto';
import { AdoptStrategyCommand } from './adopt-strategy.handler';

@ApiTags('enveloppe ITI')
@Controller('api/iti-feder/programmes')
export class AdoptStrategyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/strategy')
  @ApiCreatedResponse({ type: ProgrammeResponse })
  @Allow(MANAGES_ITI)
  @ApiOperation({ summary: 'Adopter la stratégie ITI (au moins deux axes)' })
  async strategy(@Param('id') id: string, @Body() body: StrategyDto) {
    return programmeView(
      await this.commands.execute(new AdoptStrategyCommand(id, { axes: body.axes, trace: toTrace(body.trace) })),
    );
  }
}
