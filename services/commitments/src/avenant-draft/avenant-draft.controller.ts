import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import {
  Allow,
  ApiViewOrFileResponse,
  CODE,
  CODE_MESSAGE,
  CurrentAccess,
  downloadOf,
  ExportFormatQuery,
  InvalidInputException,
  wantsFile,
  type Access,
  type RoutePolicy,
} from '@cvl/platform';
import { STEERS_CONTRACT } from '../http/access';
import { AbandonDraftDto, CreateDraftDto, DraftContentDto, ShareDraftDto, SignDraftDto } from './avenant-draft.dto';
import {
  AbandonDraftCommand,
  ApproveDraftCommand,
  CompareDraftsQuery,
  DraftQuery,
  DraftsQuery,
  SaveDraftCommand,
  ShareDraftCommand,
  SignDraftCommand,
  SimulateDraftQuery,
  type DraftView,
} from './avenant-draft.handlers';
import { avenantDraftReport } from './avenant-draft.report';
import { ComparisonResponse, DraftResponse, DraftsResponse, SimulationResponse } from './avenant-draft.responses';

/** Who reads drafts: the contract's team and the auditors all; a co-funder those shared with it. */
const READS_DRAFTS: RoutePolicy = {
  all: ['pilotage', 'auditeur'],
  own: { financeur: 'les projets d’avenant qui lui sont communiqués' },
};
/** Who approves: a co-funder, for its own euros, on a draft shared with it. */
const APPROVES_DRAFTS: RoutePolicy = {
  all: [],
  own: { financeur: 'approuve les projets d’avenant qui changent ses engagements' },
};

/** The version read: an approval or a revision is of that version, refused once the draft has moved on. */
export class VersionDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'la version du projet lue' })
  @Type(() => Number)
  @IsInt({ message: 'version : nombre entier attendu' })
  @Min(1, { message: 'version : au moins 1' })
  version!: number;
}

export class ReviseDraftDto extends DraftContentDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'la version du projet lue' })
  @Type(() => Number)
  @IsInt({ message: 'version : nombre entier attendu' })
  @Min(1, { message: 'version : au moins 1' })
  version!: number;
}

const checkId = (id: string, field = 'id') => {
  if (!CODE.test(id)) throw new InvalidInputException([{ field, message: CODE_MESSAGE }]);
};

@ApiTags('projets d’avenant')
@Controller('api/commitments/avenant-drafts')
export class AvenantDraftController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('simulation')
  @HttpCode(200)
  @ApiOkResponse({ type: SimulationResponse })
  @Allow(STEERS_CONTRACT)
  @ApiOperation({
    summary:
      'Simuler un projet d’avenant sans l’enregistrer : chaque changement décidé sur une copie du registre (réponse, refus et dépassement), écarts par financeur, engagement, opération et année, rythme FEDER n+3 — rien n’est écrit',
  })
  simulate(@CurrentAccess() access: Access, @Body() body: DraftContentDto) {
    return this.queries.execute(new SimulateDraftQuery({ access, content: body }));
  }

  @Get()
  @ApiOkResponse({ type: DraftsResponse })
  @Allow(READS_DRAFTS)
  @ApiOperation({ summary: 'Les projets d’avenant (ceux communiqués au lecteur, pour un financeur)' })
  list(@CurrentAccess() access: Access) {
    return this.queries.execute(new DraftsQuery({ access }));
  }

  @Post()
  @ApiCreatedResponse({ type: DraftResponse })
  @Allow(STEERS_CONTRACT)
  @ApiOperation({ summary: 'Enregistrer un projet d’avenant (hors registre), simulé à chaque lecture' })
  create(@CurrentAccess() access: Access, @Body() body: CreateDraftDto): Promise<DraftView> {
    const { draftId, ...content } = body;
    return this.commands.execute(new SaveDraftCommand({ access, draftId, content, creating: true }));
  }

  @Get(':id')
  @ApiViewOrFileResponse(DraftResponse)
  @Allow(READS_DRAFTS)
  @ApiOperation({
    summary:
      'Un projet d’avenant simulé sur le registre du jour : réponses, refus, écarts, approbations (JSON, CSV, XLSX ou PDF)',
  })
  async get(@CurrentAccess() access: Access, @Param('id') id: string, @Query() query: ExportFormatQuery) {
    checkId(id);
    const view: DraftView = await this.queries.execute(new DraftQuery({ access, draftId: id }));
    return wantsFile(query.format)
      ? downloadOf(avenantDraftReport(view, new Date().toISOString()), query.format, query)
      : view;
  }

  @Put(':id')
  @ApiOkResponse({ type: DraftResponse })
  @Allow(STEERS_CONTRACT)
  @ApiOperation({ summary: 'Réviser un projet d’avenant (nouvelle version : les approbations sont redemandées)' })
  revise(@CurrentAccess() access: Access, @Param('id') id: string, @Body() body: ReviseDraftDto): Promise<DraftView> {
    checkId(id);
    const { version, ...content } = body;
    return this.commands.execute(new SaveDraftCommand({ access, draftId: id, content, creating: false, version }));
  }

  @Put(':id/sharing')
  @ApiOkResponse({ type: DraftResponse })
  @Allow(STEERS_CONTRACT)
  @ApiOperation({
    summary: 'Communiquer un projet d’avenant aux organisations nommées (la liste remplace la précédente)',
  })
  share(@CurrentAccess() access: Access, @Param('id') id: string, @Body() body: ShareDraftDto): Promise<DraftView> {
    checkId(id);
    return this.commands.execute(new ShareDraftCommand({ access, draftId: id, organisations: body.organisations }));
  }

  @Post(':id/approvals')
  @HttpCode(200)
  @ApiOkResponse({ type: DraftResponse })
  @Allow(APPROVES_DRAFTS)
  @ApiOperation({ summary: 'Approuver, pour son organisation, la version lue d’un projet qui change ses engagements' })
  approve(@CurrentAccess() access: Access, @Param('id') id: string, @Body() body: VersionDto): Promise<DraftView> {
    checkId(id);
    return this.commands.execute(new ApproveDraftCommand({ access, draftId: id, version: body.version }));
  }

  @Post(':id/signature')
  @HttpCode(200)
  @ApiOkResponse({ type: DraftResponse })
  @Allow(STEERS_CONTRACT)
  @ApiOperation({
    summary:
      'Enregistrer l’avenant signé : chaque changement est décidé de nouveau sur le registre du jour et inscrit (tous ou aucun), l’acte signé pour source',
  })
  sign(@CurrentAccess() access: Access, @Param('id') id: string, @Body() body: SignDraftDto): Promise<DraftView> {
    checkId(id);
    return this.commands.execute(
      new SignDraftCommand({ access, draftId: id, act: { reference: body.act.reference, date: body.act.date } }),
    );
  }

  @Post(':id/abandonment')
  @HttpCode(200)
  @ApiOkResponse({ type: DraftResponse })
  @Allow(STEERS_CONTRACT)
  @ApiOperation({ summary: 'Abandonner un projet d’avenant (il reste lisible, il ne change plus)' })
  abandon(@CurrentAccess() access: Access, @Param('id') id: string, @Body() body: AbandonDraftDto): Promise<DraftView> {
    checkId(id);
    return this.commands.execute(new AbandonDraftCommand({ access, draftId: id, reason: body.reason }));
  }

  @Get(':id/comparison/:otherId')
  @ApiOkResponse({ type: ComparisonResponse })
  @Allow(READS_DRAFTS)
  @ApiOperation({
    summary: 'Comparer deux projets d’avenant sur le registre du jour : ce que le second change par rapport au premier',
  })
  compare(@CurrentAccess() access: Access, @Param('id') id: string, @Param('otherId') otherId: string) {
    checkId(id);
    checkId(otherId, 'otherId');
    return this.queries.execute(new CompareDraftsQuery({ access, draftId: id, otherId }));
  }
}
