import { Controller, Get, Header, HttpCode, Post, Req } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ReadModelProjector } from '../projection/read-model-projector';
import { Allow, Costly, listeningOrigin } from '@cvl/platform';

/**
 * Rebuilding the read models (`cvl replay`): a new generation empties them, reads every event from the producing
 * services' stores, then follows the topics; the views fill up meanwhile and equal the previous ones once `upToDate`.
 */
@ApiTags('reconstruction')
@Controller('api/reporting/replay')
export class ReplayController {
  constructor(
    private readonly projector: ReadModelProjector,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Post()
  @Allow({ all: ['exploitation'] })
  @Costly()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Reconstruit les modèles de lecture depuis les magasins d’événements des services, puis les sujets (nouvelle génération) ; suivre l’avancement par GET',
  })
  replay(@Req() request: Request) {
    return this.projector.replay({
      origin: listeningOrigin(this.adapterHost.httpAdapter.getHttpServer()),
      authorization: request.get('authorization'),
    });
  }

  @Get()
  @Allow({ all: ['exploitation', 'pilotage', 'auditeur'] })
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Avancement de la génération en cours : événements projetés, événements en attente' })
  progress() {
    return this.projector.progress();
  }
}
