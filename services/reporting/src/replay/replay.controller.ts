import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModelProjector } from '../projection/read-model-projector';
import { Allow, Costly } from '@cvl/platform';

/**
 * Rebuilding the read models from the streams (`cvl replay`): a new generation empties them and projects every
 * topic again from the start; the views fill up meanwhile and equal the previous ones once `upToDate`.
 */
@ApiTags('reconstruction')
@Controller('api/reporting/replay')
export class ReplayController {
  constructor(private readonly projector: ReadModelProjector) {}

  @Post()
  @Allow({ all: ['exploitation'] })
  @Costly()
  @HttpCode(202)
  @ApiOperation({ summary: 'Reconstruit les modèles de lecture depuis les flux d’événements (nouvelle génération) ; suivre l’avancement par GET' })
  replay() {
    return this.projector.replay();
  }

  @Get()
  @Allow({ all: ['exploitation', 'pilotage', 'auditeur'] })
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Avancement de la génération en cours : événements projetés, événements en attente' })
  progress() {
    return this.projector.progress();
  }
}
