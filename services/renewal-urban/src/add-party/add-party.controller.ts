import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@cvl/platform';
import { INSTRUCTS_PROTOCOL } from '../http/access';
import { avenantOf } from '../http/avenant.dto';
import { toTrace } from '../http/effect';
import { protocolOf } from '../http/protocol-view';
import { ProtocolResponse } from '../http/responses';
import { AddPartyCommand } from './add-party.handler';
import { AddPartyDto } from './add-party.dto';

@ApiTags('protocole de préfiguration')
@Controller('api/renewal-urban/protocols')
export class AddPartyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/parties')
  @ApiCreatedResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @ApiOperation({ summary: 'Ajouter une partie au protocole (par avenant une fois signé)' })
  async add(@Param('id') id: string, @Body() body: AddPartyDto) {
    return protocolOf(
      await this.commands.execute(
        new AddPartyCommand(id, {
          party: { code: body.party.code, role: body.party.role },
          ...avenantOf(body),
          trace: toTrace(body.trace),
        }),
      ),
    );
  }
}
