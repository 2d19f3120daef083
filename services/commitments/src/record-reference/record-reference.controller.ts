import { ReferencePage, ReferenceResponse } from '../http/responses';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Body, Controller, ForbiddenException, Get, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { Allow, EVERY_READER, CurrentAccess, PageQuery, type Access } from '@cvl/platform';
import type { ReferenceKind } from '../domain/events';
import { referenceKey } from '../domain/state';
import { toTrace } from '../http/trace.dto';
import { ReferencesQuery } from './references.query';
import { RecordReferenceCommand } from './record-reference.handler';
import { RecordReferenceDto } from './record-reference.dto';

const KINDS: Record<string, ReferenceKind> = {
  funders: 'funder',
  epcis: 'epci',
  quartiers: 'quartier',
  programmes: 'programme',
  stakes: 'stake',
  axes: 'axis',
  objectives: 'objective',
  organisations: 'organisation',
};

/** What the contract's team keeps; funders, EPCIs and programmes are the platform's, kept by its operators. */
const CONTRACT_COLLECTIONS = ['quartiers', 'stakes', 'axes', 'objectives'];

function kindOf(collection: string): ReferenceKind {
  const kind = Object.prototype.hasOwnProperty.call(KINDS, collection) ? KINDS[collection] : undefined;
  if (!kind)
    throw new NotFoundException(`Référentiel inconnu : « ${collection} » (attendu : ${Object.keys(KINDS).join(', ')})`);
  return kind;
}

@ApiTags('référentiel')
@Controller('api/commitments/reference')
export class RecordReferenceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':collection')
  @ApiCreatedResponse({ type: ReferenceResponse })
  @Allow({ all: [], own: { pilotage: `le référentiel du contrat : ${CONTRACT_COLLECTIONS.join(', ')}` } })
  @ApiParam({ name: 'collection', enum: Object.keys(KINDS) })
  @ApiOperation({ summary: 'Enregistrer ou mettre à jour un élément du référentiel (versionné comme un événement)' })
  async record(
    @CurrentAccess() access: Access,
    @Param('collection') collection: string,
    @Body() body: RecordReferenceDto,
  ) {
    const kind = kindOf(collection);
    if (!access.all && !CONTRACT_COLLECTIONS.includes(collection)) {
      throw new ForbiddenException(
        `Accès refusé : le référentiel « ${collection} » est celui de la plateforme (administration) ; le pilotage tient ${CONTRACT_COLLECTIONS.join(', ')}`,
      );
    }
    const executed = await this.commands.execute(
      new RecordReferenceCommand({
        kind,
        code: body.code,
        name: body.name,
        ...(body.attributes ? { attributes: body.attributes } : {}),
        ...(body.parent ? { parent: body.parent } : {}),
        trace: toTrace(body.trace),
      }),
    );
    return executed.state.references.get(referenceKey(kind, body.code));
  }

  @Get(':collection')
  @ApiOkResponse({ type: ReferencePage })
  @Allow({ all: EVERY_READER })
  @ApiParam({ name: 'collection', enum: Object.keys(KINDS) })
  @ApiOperation({ summary: 'Lister un référentiel' })
  async list(@Param('collection') collection: string, @Query() page: PageQuery) {
    const kind = kindOf(collection);
    return this.queries.execute(new ReferencesQuery({ kind, page }));
  }
}
