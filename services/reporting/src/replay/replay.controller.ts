import { Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Allow, Costly, listeningOrigin } from '@cvl/platform';
import { ReplayProgressResponse } from '../http/responses';
import { RebuildReadModelsCommand } from './rebuild-read-models.handler';
import { ReplayProgressQuery } from './replay-progress.query';

/**
 * Rebuilding the read models (`cvl replay`): a new generation empties them, reads every event from the producing
 * services' stores, then follows the topics; the views fill up meanwhile and equal the previous ones once `upToDate`.
 */
@ApiTags('reconstruction')
@Controller('api/reporting/replay')
export class ReplayController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Post()
  @ApiAcceptedResponse({ type: ReplayProgressResponse })
  @Allow({ all: ['exploitation'] })
  @Costly()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Reconstruit les modèles de lecture depuis les magasins d’événements des services, puis les sujets (nouvelle génération) ; suivre l’avancement par GET',
  })
  replay(@Req() request: Request) {
    return this.commands.execute(
      new RebuildReadModelsCommand({
        origin: listeningOrigin(this.adapterHost.httpAdapter.getHttpServer()),
        authorization: request.get('authorization'),
      }),
    );
  }

  @Get()
  @ApiOkResponse({ type: ReplayProgressResponse })
  @Allow({ all: ['exploitation', 'pilotage', 'auditeur'] })
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Avancement de la génération en cours : événements projetés, événements en attente' })
  progress() {
    return this.queries.execute(new ReplayProgressQuery({}));
  }
}
