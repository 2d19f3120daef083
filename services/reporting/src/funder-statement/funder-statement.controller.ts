import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CODE, CODE_MESSAGE, downloadOf, ExportFormatQuery, InvalidInputException, wantsFile } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { funderStatement } from './funder-statement';
import { statementReport } from './funder-statement.report';

@ApiTags('restitutions')
@Controller('api/reporting/funders')
export class FunderStatementController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':funder/statement')
  @ApiParam({ name: 'funder', example: 'maisons-et-cites' })
  @ApiOperation({ summary: 'Relevé d’un financeur : totaux, ventilation par programme, quartier, enjeu, année et EPCI, conditions en attente, enveloppes communes (JSON, CSV, XLSX ou PDF)' })
  async statement(@Param('funder') funder: string, @Query() query: ExportFormatQuery) {
    if (!CODE.test(funder)) throw new InvalidInputException([{ field: 'funder', message: CODE_MESSAGE }]);
    const statement = funderStatement(await this.readModels.all(), funder);
    return wantsFile(query.format) ? downloadOf(statementReport(statement, new Date().toISOString()), query.format) : statement;
  }
}
