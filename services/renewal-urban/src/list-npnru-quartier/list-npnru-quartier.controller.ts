import { Body, Controller, Get, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@cvl/platform';
import { INSTRUCTS_PROTOCOL, READS_PROTOCOL } from '../http/access';
import { toTrace } from '../http/effect';
import { NpnruListResponse } from '../http/responses';
import { ListNpnruQuartierCommand, NpnruListQuery } from './list-npnru-quartier.handler';
import { ListNpnruQuartierDto } from './list-npnru-quartier.dto';
import { NPNRU_LIST_ID } from './npnru-list';

@ApiTags('quartiers NPNRU')
@Controller('api/renewal-urban/npnru-quartiers')
export class ListNpnruQuartierController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: NpnruListResponse })
  @Allow(INSTRUCTS_PROTOCOL)
  @ApiOperation({
    summary:
      'Inscrire un quartier sur la liste NPNRU (intérêt national ou régional) : seuls ceux-là entrent dans un protocole',
  })
  async list(@Body() body: ListNpnruQuartierDto) {
    await this.commands.execute(new ListNpnruQuartierCommand(NPNRU_LIST_ID, { ...body, trace: toTrace(body.trace) }));
    return this.queries.execute(new NpnruListQuery(NPNRU_LIST_ID, {}));
  }

  @Get()
  @ApiOkResponse({ type: NpnruListResponse })
  @Allow(READS_PROTOCOL)
  @ApiOperation({ summary: 'La liste des quartiers NPNRU et leur intérêt' })
  read() {
    return this.queries.execute(new NpnruListQuery(NPNRU_LIST_ID, {}));
  }
}
