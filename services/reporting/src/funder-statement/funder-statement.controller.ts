import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  Allow,
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
import { ReadModels } from '../infrastructure/read-models';
import { funderStatement } from './funder-statement';
import { statementReport } from './funder-statement.report';

@ApiTags('restitutions')
@Controller('api/reporting/funders')
export class FunderStatementController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':funder/statement')
  @Allow(READS_FIGURES)
  @ApiParam({ name: 'funder', example: 'maisons-et-cites' })
  @ApiOperation({
    summary:
      'Relevé d’un financeur : totaux, ventilation par programme, quartier, enjeu, année et EPCI, conditions en attente, enveloppes communes (JSON, CSV, XLSX ou PDF)',
  })
  async statement(@CurrentAccess() access: Access, @Param('funder') funder: string, @Query() query: ExportFormatQuery) {
    if (!CODE.test(funder)) throw new InvalidInputException([{ field: 'funder', message: CODE_MESSAGE }]);
    access.requireFor(
      'financeur',
      funder,
      `${access.organisation} ne lit que son propre relevé, pas celui de ${funder}`,
    );
    const statement = funderStatement(await this.readModels.all({ funder }), funder);
    return wantsFile(query.format)
      ? downloadOf(statementReport(statement, new Date().toISOString()), query.format)
      : statement;
  }
}
