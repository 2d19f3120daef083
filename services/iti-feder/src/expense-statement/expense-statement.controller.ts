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
import { READS_PROGRAMME } from '../http/access';
import { ExpenseStatementResponse } from '../http/responses';
import { ExpenseStatementQuery } from './expense-statement.query';
import { expenseStatementReport } from './expense-statement.report';

@ApiTags('enveloppe ITI')
@Controller('api/iti-feder/programmes')
export class ExpenseStatementController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/operations/:operationId/expense-statement')
  @ApiViewOrFileResponse(ExpenseStatementResponse)
  @Allow(READS_PROGRAMME)
  @ApiOperation({
    summary:
      'État récapitulatif des dépenses et plan de financement d’une opération FEDER : cofinanceurs et leurs actes, dépenses déclarées et retenues au service fait, FEDER payé (JSON, CSV, XLSX ou PDF)',
  })
  async statement(
    @CurrentAccess() access: Access,
    @Param('id') id: string,
    @Param('operationId') operationId: string,
    @Query() query: ExportFormatQuery,
  ) {
    const statement = await this.queries.execute(new ExpenseStatementQuery(id, { access, operationId }));
    return wantsFile(query.format)
      ? downloadOf(expenseStatementReport(statement, id, new Date().toISOString()), query.format, query)
      : statement;
  }
}
