import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { READS_FIGURES } from '../access/read-scope';
import { ProvenanceResponse } from '../http/responses';
import { ProvenanceFilterDto } from './provenance.dto';
import { ProvenanceQuery } from './provenance.query';

@ApiTags('restitutions')
@Controller('api/reporting/provenance')
export class ProvenanceController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOkResponse({ type: ProvenanceResponse })
  @Allow(READS_FIGURES)
  @ApiOperation({
    summary:
      'D’où vient cet euro : les engagements et les événements qui font un chiffre (case de la matrice, relevé, fiche opération, enveloppe), avec acteur, dates, motif et source',
  })
  provenance(@CurrentAccess() access: Access, @Query() query: ProvenanceFilterDto) {
    const { format: _format, ...filter } = query;
    return this.queries.execute(new ProvenanceQuery({ access, filter }));
  }
}
