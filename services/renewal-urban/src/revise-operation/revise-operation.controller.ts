import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow } from '@cvl/platform';
import { INSTRUCTS_PROTOCOL } from '../http/access';
import { AvenantStepDto, avenantOf } from '../http/avenant.dto';
import { toTrace } from '../http/effect';
import { protocolOf } from '../http/protocol-view';
import { ProtocolResponse } from '../http/responses';
import { ReviseOperationCommand, WithdrawOperationCommand } from './revise-operation.handler';
import { ReviseOperationDto } from './revise-operation.dto';

@ApiTags('protocole de préfiguration')
@Controller('api/renewal-urban/protocols')
export class ReviseOperationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/operations/:operationId/revisions')
  @ApiCreatedResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @ApiOperation({
    summary: 'Réviser le calendrier ou l’assiette d’une opération (par avenant une fois le protocole signé)',
  })
  async revise(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: ReviseOperationDto) {
    return protocolOf(
      await this.commands.execute(
        new ReviseOperationCommand(id, {
          operationId,
          ...(body.start ? { start: body.start } : {}),
          ...(body.end ? { end: body.end } : {}),
          ...(body.eligibleBase ? { eligibleBaseCents: fromDecimalString(body.eligibleBase) } : {}),
          ...avenantOf(body),
          trace: toTrace(body.trace),
        }),
      ),
    );
  }

  @Post(':id/operations/:operationId/withdrawal')
  @ApiCreatedResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @ApiOperation({
    summary:
      'Retirer une opération du protocole (par avenant une fois signé) : le grand livre dégage ce qui était inscrit pour elle',
  })
  async withdraw(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: AvenantStepDto) {
    return protocolOf(
      await this.commands.execute(
        new WithdrawOperationCommand(id, { operationId, ...avenantOf(body), trace: toTrace(body.trace) }),
      ),
    );
  }
}
