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
import type { PreFinancingForecast } from './pre-financing';
import { PreFinancingQuery } from './pre-financing.query';
import { preFinancingReport } from './pre-financing.report';
import { PreFinancingResponse } from './pre-financing.responses';

@ApiTags('restitutions')
@Controller('api/commitments')
export class PreFinancingController {
  constructor(private readonly queries: QueryBus) {}

  @Get('project-owners/:code/pre-financing')
  @ApiViewOrFileResponse(PreFinancingResponse)
  @Allow({
    all: ['pilotage', 'auditeur'],
    own: {
      'maitre-ouvrage': 'son propre plan de trésorerie',
      financeur: 'le plan de trésorerie de son organisation, maître d’ouvrage',
    },
  })
  @ApiOperation({
    summary:
      'Préfinancement d’un maître d’ouvrage, mois par mois : dépenses, aides reçues selon les règles de paiement de chaque financeur, besoin de trésorerie (JSON, CSV, XLSX ou PDF)',
  })
  async forecast(@CurrentAccess() access: Access, @Param('code') code: string, @Query() query: ExportFormatQuery) {
    if (!CODE.test(code)) throw new InvalidInputException([{ field: 'code', message: CODE_MESSAGE }]);
    const forecast: PreFinancingForecast = await this.queries.execute(
      new PreFinancingQuery({ access, projectOwner: code }),
    );
    return wantsFile(query.format)
      ? downloadOf(preFinancingReport(forecast, new Date().toISOString()), query.format, query)
      : forecast;
  }
}
