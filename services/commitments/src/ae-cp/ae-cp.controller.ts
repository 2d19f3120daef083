import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
} from '@cvl/platform';
import { READS_COMMITMENTS } from '../http/access';
import { AeCpResponse } from '../http/responses';
import { AeCpQuery } from './ae-cp.query';
import { aeCpReport } from './ae-cp.report';

@ApiTags('restitutions')
@Controller('api/commitments')
export class AeCpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('ae-cp')
  @ApiViewOrFileResponse(AeCpResponse)
  @Allow({ all: ['pilotage', 'auditeur'] })
  @ApiOperation({
    summary:
      'AE/CP du contrat par année, tous financeurs : engagé, payé, restes à payer, paiements prévus (JSON, CSV, XLSX ou PDF)',
  })
  async contract(@CurrentAccess() access: Access, @Query() query: ExportFormatQuery) {
    const table = await this.queries.execute(new AeCpQuery({ access }));
    return wantsFile(query.format)
      ? downloadOf(aeCpReport(table, new Date().toISOString()), query.format, query)
      : table;
  }

  @Get('funders/:code/ae-cp')
  @ApiViewOrFileResponse(AeCpResponse)
  @Allow(READS_COMMITMENTS)
  @ApiOperation({
    summary:
      'AE/CP d’un financeur par année : engagé (AE), payé (CP), restes à payer, paiements prévus par ses échéanciers (JSON, CSV, XLSX ou PDF)',
  })
  async aeCp(@CurrentAccess() access: Access, @Param('code') code: string, @Query() query: ExportFormatQuery) {
    if (!CODE.test(code)) throw new InvalidInputException([{ field: 'code', message: CODE_MESSAGE }]);
    const table = await this.queries.execute(new AeCpQuery({ access, funder: code }));
    return wantsFile(query.format)
      ? downloadOf(aeCpReport(table, new Date().toISOString()), query.format, query)
      : table;
  }
}
