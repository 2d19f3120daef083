import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import type { DocumentFigureRecorded } from '../domain/events';
import { STEERS_CONTRACT } from '../http/access';
import { DocumentFigurePage, DocumentFigureResponse } from '../http/responses';
import { toTrace } from '../http/trace.dto';
import { DocumentFiguresQuery, documentFigureView } from './document-figures.query';
import { RecordDocumentFigureCommand } from './record-document-figure.handler';
import { DocumentFiguresFilterDto, RecordDocumentFigureDto } from './record-document-figure.dto';

@ApiTags('montants du document')
@Controller('api/commitments/figures')
export class RecordDocumentFigureController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: DocumentFigureResponse })
  @Allow(STEERS_CONTRACT)
  @ApiOperation({
    summary:
      'Enregistrer un montant du document (engagement, enveloppe, total, coût unitaire, seuil, historique, contexte ou participation pour mémoire) avec sa ligne',
  })
  async record(@Body() body: RecordDocumentFigureDto) {
    const { trace, ...figure } = body;
    const executed = await this.commands.execute(new RecordDocumentFigureCommand({ ...figure, trace: toTrace(trace) }));
    // The decider either recorded it or found the same line already there: it is in the state either way.
    const recorded = executed.state.documentFigures.get(body.figureId) as DocumentFigureRecorded;
    return documentFigureView(recorded, executed.state);
  }

  @Get()
  @ApiOkResponse({ type: DocumentFigurePage })
  @Allow({
    all: ['pilotage', 'auditeur'],
    own: {
      financeur: 'les lignes qui ne nomment aucun financeur, et les siennes',
      'maitre-ouvrage': 'les lignes qui ne nomment aucun financeur, les siennes et celles dont il est bénéficiaire',
      'instructeur-anru': 'les lignes qui ne nomment aucun financeur, et celles de l’ANRU',
      'autorite-gestion': 'les lignes qui ne nomment aucun financeur, et celles de son organisation',
    },
  })
  @ApiOperation({
    summary:
      'Les montants du document, ligne par ligne : rôle, statut, échelle, période, fourchette, et d’où chacun vient (?line=5465)',
  })
  list(@CurrentAccess() access: Access, @Query() query: DocumentFiguresFilterDto) {
    const { line, role, funder, ...page } = query;
    return this.queries.execute(
      new DocumentFiguresQuery({
        access,
        filter: {
          ...(line !== undefined ? { line } : {}),
          ...(role ? { role } : {}),
          ...(funder ? { funder } : {}),
        },
        page,
      }),
    );
  }
}
