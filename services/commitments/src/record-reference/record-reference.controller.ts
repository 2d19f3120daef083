import { BadRequestException, Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PageQuery, paginate } from '@cvl/platform';
import type { ReferenceKind } from '../domain/events';
import { referenceKey } from '../domain/state';
import { toTrace } from '../http/trace.dto';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import { decideRecordReference } from './record-reference.decider';
import { RecordReferenceDto } from './record-reference.dto';

const KINDS: Record<string, ReferenceKind> = {
  funders: 'funder',
  epcis: 'epci',
  quartiers: 'quartier',
  programmes: 'programme',
  stakes: 'stake',
  axes: 'axis',
  objectives: 'objective',
};

function kindOf(collection: string): ReferenceKind {
  const kind = KINDS[collection];
  if (!kind) throw new BadRequestException(`Référentiel inconnu : « ${collection} » (attendu : ${Object.keys(KINDS).join(', ')})`);
  return kind;
}

@ApiTags('référentiel')
@Controller('api/commitments/reference')
export class RecordReferenceController {
  constructor(private readonly ledger: CommitmentsLedger) {}

  @Post(':collection')
  @ApiParam({ name: 'collection', enum: Object.keys(KINDS) })
  @ApiOperation({ summary: 'Enregistrer ou mettre à jour un élément du référentiel (versionné comme un événement)' })
  async record(@Param('collection') collection: string, @Body() body: RecordReferenceDto) {
    const kind = kindOf(collection);
    const executed = await this.ledger.execute((state) =>
      decideRecordReference({ kind, code: body.code, name: body.name, ...(body.attributes ? { attributes: body.attributes } : {}), ...(body.parent ? { parent: body.parent } : {}), trace: toTrace(body.trace) }, state),
    );
    return executed.state.references.get(referenceKey(kind, body.code));
  }

  @Get(':collection')
  @ApiParam({ name: 'collection', enum: Object.keys(KINDS) })
  @ApiOperation({ summary: 'Lister un référentiel' })
  async list(@Param('collection') collection: string, @Query() page: PageQuery) {
    const kind = kindOf(collection);
    const { state } = await this.ledger.current();
    return paginate([...state.references.values()].filter((r) => r.kind === kind).sort((a, b) => a.code.localeCompare(b.code)), page);
  }
}
