import { ProtocolResponse } from '../http/responses';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse, ApiCreatedResponse } from '@nestjs/swagger';
import { toTrace } from '../http/effect';
import { protocolOf } from '../http/protocol-view';
import { DraftProtocolCommand, FormPurchasingGroupCommand } from './draft-protocol.handler';
import { ProtocolViewQuery } from './protocol.query';
import { DraftProtocolDto, FormPurchasingGroupDto } from './draft-protocol.dto';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { INSTRUCTS_PROTOCOL, READS_PROTOCOL } from '../http/access';

@ApiTags('protocole de préfiguration')
@Controller('api/renewal-urban/protocols')
export class DraftProtocolController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @ApiOperation({ summary: 'Ouvrir le protocole de préfiguration (quartiers NPNRU, parties)' })
  async draft(@Body() body: DraftProtocolDto) {
    return protocolOf(
      await this.commands.execute(new DraftProtocolCommand(body.protocolId, { ...body, trace: toTrace(body.trace) })),
    );
  }

  @Put(':id/purchasing-group')
  @ApiOkResponse({ type: ProtocolResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @ApiOperation({ summary: 'Constituer le groupement de commandes et sa clé de répartition' })
  async group(@Param('id') id: string, @Body() body: FormPurchasingGroupDto) {
    return protocolOf(
      await this.commands.execute(
        new FormPurchasingGroupCommand(id, { members: body.members, trace: toTrace(body.trace) }),
      ),
    );
  }

  @Get(':id')
  @ApiOkResponse({ type: ProtocolResponse })
  @Allow(READS_PROTOCOL)
  @ApiOperation({ summary: 'Le protocole, ses opérations, leurs plans et ce que le grand livre a répondu' })
  async get(@CurrentAccess() access: Access, @Param('id') id: string) {
    return this.queries.execute(new ProtocolViewQuery(id, { access }));
  }
}
