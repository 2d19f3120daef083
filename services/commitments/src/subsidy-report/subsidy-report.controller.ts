import { Controller, Get, Param, Query } from '@nestjs/common';
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
import { READS_COMMITMENTS } from '../http/access';
import { SubsidyReportResponse } from '../http/responses';
import { subsidyReportDocument } from './subsidy-report.document';
import { SubsidyReportQuery } from './subsidy-report.query';

@ApiTags('restitutions')
@Controller('api/commitments/commitments')
export class SubsidyReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/financial-report')
  @ApiViewOrFileResponse(SubsidyReportResponse)
  @Allow(READS_COMMITMENTS)
  @ApiOperation({
    summary:
      'Compte rendu financier d’une subvention (CERFA n° 15059) : l’action financée, ses produits par financeur comme le formulaire les range, prévus (engagés) et réalisés (payés) (JSON, CSV, XLSX ou PDF)',
  })
  async report(@CurrentAccess() access: Access, @Param('id') id: string, @Query() query: ExportFormatQuery) {
    const report = await this.queries.execute(new SubsidyReportQuery({ access, commitmentId: id }));
    return wantsFile(query.format)
      ? downloadOf(subsidyReportDocument(report, new Date().toISOString()), query.format, query)
      : report;
  }
}
