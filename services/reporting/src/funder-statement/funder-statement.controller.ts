import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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
import { READS_FIGURES } from '../access/read-scope';
import { FunderStatementResponse } from '../http/responses';
import { FunderStatementQuery } from './funder-statement.query';
import { statementReport } from './funder-statement.report';

@ApiTags('restitutions')
@Controller('api/reporting/funders')
export class FunderStatementController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':funder/statement')
  @ApiViewOrFileResponse(FunderStatementResponse)
  @Allow(READS_FIGURES)
  @ApiParam({ name: 'funder', example: 'maisons-et-cites' })
  @ApiOperation({
    summary:
      'Relevé d’un financeur : totaux, ventilation par programme, quartier, enjeu, année et EPCI, conditions en attente, enveloppes communes (JSON, CSV, XLSX ou PDF)',
  })
  async statement(@CurrentAccess() access: Access, @Param('funder') funder: string, @Query() query: ExportFormatQuery) {
    if (!CODE.test(funder)) throw new InvalidInputException([{ field: 'funder', message: CODE_MESSAGE }]);
    const statement = await this.queries.execute(new FunderStatementQuery({ access, funder }));
    return wantsFile(query.format)
      ? downloadOf(statementReport(statement, new Date().toISOString()), query.format, query)
      : statement;
  }
}
