import { ProtocolResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { toTrace } from '../http/effect';
import { protocolOf } from '../http/protocol-view';
import type { LifecycleCommand } from './protocol-lifecycle.decider';
import { ProtocolStepCommand } from './protocol-lifecycle.handler';
import { CommitteeDto, SignatureDto, StepDto } from './protocol-lifecycle.dto';
import { Allow } from '@cvl/platform';
import { INSTRUCTS_PROTOCOL } from '../http/access';

@ApiTags('protocole de préfiguration')
@Controller('api/renewal-urban/protocols')
export class ProtocolLifecycleController {
  constructor(private readonly commands: CommandBus) {}

  private async step(id: string, command: LifecycleCommand) {
    return protocolOf(await this.commands.execute(new ProtocolStepCommand(id, command)));
  }

  @Post(':id/submission')
  @ApiOkResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @HttpCode(200)
  @ApiOperation({ summary: 'Soumettre le protocole' })
  submit(@Param('id') id: string, @Body() body: StepDto) {
    return this.step(id, { kind: 'submit', trace: toTrace(body.trace) });
  }

  @Post(':id/committee')
  @ApiOkResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enregistrer le comité d’engagement de l’ANRU (seuls les coûts postérieurs sont éligibles)',
  })
  committee(@Param('id') id: string, @Body() body: CommitteeDto) {
    return this.step(id, { kind: 'record-committee', date: body.date, trace: toTrace(body.trace) });
  }

  @Post(':id/signature')
  @ApiOkResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @HttpCode(200)
  @ApiOperation({ summary: 'Signer le protocole : version 1 du tableau financier' })
  sign(@Param('id') id: string, @Body() body: SignatureDto) {
    return this.step(id, {
      kind: 'sign',
      act: { reference: body.reference, date: body.date },
      trace: toTrace(body.trace),
    });
  }

  @Post(':id/amendments')
  @ApiOkResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @HttpCode(200)
  @ApiOperation({ summary: 'Signer un avenant : nouvelle version du tableau financier' })
  amend(@Param('id') id: string, @Body() body: SignatureDto) {
    return this.step(id, {
      kind: 'sign-amendment',
      act: { reference: body.reference, date: body.date },
      trace: toTrace(body.trace),
    });
  }
}
