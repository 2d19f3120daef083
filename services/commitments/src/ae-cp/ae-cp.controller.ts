import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
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
import { AeCpResponse, ApCpAnnexResponse } from '../http/responses';
import { AeCpQuery, ApCpAnnexQuery } from './ae-cp.query';
import { aeCpReport } from './ae-cp.report';
import { apCpAnnexReport } from './ap-cp-annex.report';

/** `?year=` (required) and the export format of the AP/CP annex. */
export class ApCpAnnexQueryDto extends ExportFormatQuery {
  @ApiProperty({ example: 2017, description: 'l’exercice budgétaire (AAAA)' })
  @Type(() => Number)
  @IsInt({ message: 'year : une année (AAAA), par exemple 2017' })
  @Min(2000, { message: 'year : au plus tôt 2000' })
  @Max(2100, { message: 'year : au plus tard 2100' })
  year!: number;
}

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

  @Get('funders/:code/ap-cp-annex')
  @ApiViewOrFileResponse(ApCpAnnexResponse)
  @Allow(READS_COMMITMENTS)
  @ApiOperation({
    summary:
      'Annexe AP/CP d’un exercice : chaque engagement du financeur comme autorisation de programme, ses crédits de paiement réalisés avant et pendant l’exercice, prévus, et son reste à financer (JSON, CSV, XLSX ou PDF)',
  })
  async apCpAnnex(@CurrentAccess() access: Access, @Param('code') code: string, @Query() query: ApCpAnnexQueryDto) {
    if (!CODE.test(code)) throw new InvalidInputException([{ field: 'code', message: CODE_MESSAGE }]);
    const annex = await this.queries.execute(new ApCpAnnexQuery({ access, funder: code, year: query.year }));
    return wantsFile(query.format)
      ? downloadOf(apCpAnnexReport(annex, new Date().toISOString()), query.format, query)
      : annex;
  }
}
