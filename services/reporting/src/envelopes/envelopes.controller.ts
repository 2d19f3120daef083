import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Allow,
  ApiViewOrFileResponse,
  CurrentAccess,
  downloadOf,
  ExportFormatQuery,
  wantsFile,
  type Access,
} from '@cvl/platform';
import { EnvelopesResponse } from '../http/responses';
import { EnvelopePositionsQuery } from './envelopes.query';
import { envelopesReport } from './envelopes.report';

@ApiTags('restitutions')
@Controller('api/reporting/envelopes')
export class EnvelopesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiViewOrFileResponse(EnvelopesResponse)
  @Allow({ all: ['pilotage', 'auditeur'], own: { financeur: 'les enveloppes (budgets) de son organisation' } })
  @ApiOperation({
    summary:
      'Enveloppes (budgets des financeurs, axes ITI) : plafond, programmé, ferme, payé, disponible (JSON, CSV, XLSX ou PDF)',
  })
  async envelopes(@CurrentAccess() access: Access, @Query() query: ExportFormatQuery) {
    const positions = await this.queries.execute(new EnvelopePositionsQuery({ access }));
    return wantsFile(query.format)
      ? downloadOf(envelopesReport(positions, new Date().toISOString()), query.format, query)
      : { envelopes: positions };
  }
}
