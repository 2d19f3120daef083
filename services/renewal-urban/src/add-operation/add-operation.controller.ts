import { ProtocolResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { toTrace } from '../http/effect';
import { protocolOf } from '../http/protocol-view';
import { AddOperationCommand } from './add-operation.handler';
import { AddOperationDto } from './add-operation.dto';
import { Allow } from '@cvl/platform';
import { INSTRUCTS_PROTOCOL } from '../http/access';

@ApiTags('protocole de préfiguration')
@Controller('api/renewal-urban/protocols')
export class AddOperationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/operations')
  @ApiCreatedResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @ApiOperation({ summary: 'Ajouter une opération (étude, conduite de projet, démolition…)' })
  async add(@Param('id') id: string, @Body() body: AddOperationDto) {
    return protocolOf(
      await this.commands.execute(
        new AddOperationCommand(id, {
          ...body,
          eligibleBaseCents: fromDecimalString(body.eligibleBase),
          boughtByGroup: body.boughtByGroup ?? false,
          trace: toTrace(body.trace),
        }),
      ),
    );
  }
}
