import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  Allow,
  ApiViewOrFileResponse,
  Costly,
  downloadOf,
  ExportFormatQuery,
  listeningOrigin,
  wantsFile,
} from '@cvl/platform';
import { IntegrityCheckResponse } from '../http/responses';
import { IntegrityCheckQuery } from './integrity.query';
import { integrityDocument } from './integrity.report';

@ApiTags('intégrité')
@Controller('api/reporting/integrity')
export class IntegrityController {
  constructor(
    private readonly queries: QueryBus,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get()
  @ApiViewOrFileResponse(IntegrityCheckResponse)
  @Allow({ all: ['pilotage', 'auditeur'] })
  @Costly()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Contrôle d’intégrité : chaînes d’empreintes de chaque service, grand livre équilibré, totaux de reporting = totaux du grand livre, rapprochement des montants du document (JSON, CSV, XLSX ou PDF)',
  })
  async integrity(@Req() request: Request, @Query() query: ExportFormatQuery) {
    const report = await this.queries.execute(
      new IntegrityCheckQuery({
        origin: listeningOrigin(this.adapterHost.httpAdapter.getHttpServer()),
        authorization: request.get('authorization'),
      }),
    );
    return wantsFile(query.format) ? downloadOf(integrityDocument(report), query.format, query) : report;
  }
}
