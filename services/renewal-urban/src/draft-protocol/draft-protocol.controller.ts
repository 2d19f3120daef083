import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { toTrace } from '../http/effect';
import { protocolOf } from '../http/protocol-view';
import { ProtocolRepository } from '../infrastructure/protocol-repository';
import { decideDraftProtocol, decideFormPurchasingGroup } from './draft-protocol.decider';
import { DraftProtocolDto, FormPurchasingGroupDto } from './draft-protocol.dto';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { INSTRUCTS_PROTOCOL, protocolFor, READS_PROTOCOL } from '../http/access';

@ApiTags('protocole de préfiguration')
@Controller('api/renewal-urban/protocols')
export class DraftProtocolController {
  constructor(private readonly protocols: ProtocolRepository) {}

  @Post()
  @Allow(INSTRUCTS_PROTOCOL)
  @ApiOperation({ summary: 'Ouvrir le protocole de préfiguration (quartiers NPNRU, parties)' })
  async draft(@Body() body: DraftProtocolDto) {
    return protocolOf(
      await this.protocols.executed(body.protocolId, (state) =>
        decideDraftProtocol({ ...body, trace: toTrace(body.trace) }, state),
      ),
    );
  }

  @Put(':id/purchasing-group')
  @Allow(INSTRUCTS_PROTOCOL)
  @ApiOperation({ summary: 'Constituer le groupement de commandes et sa clé de répartition' })
  async group(@Param('id') id: string, @Body() body: FormPurchasingGroupDto) {
    return protocolOf(
      await this.protocols.executed(id, (state) =>
        decideFormPurchasingGroup({ members: body.members, trace: toTrace(body.trace) }, state),
      ),
    );
  }

  @Get(':id')
  @Allow(READS_PROTOCOL)
  @ApiOperation({ summary: 'Le protocole, ses opérations, leurs plans et ce que le grand livre a répondu' })
  async get(@CurrentAccess() access: Access, @Param('id') id: string) {
    return protocolFor(access, await this.protocols.get(id));
  }
}
