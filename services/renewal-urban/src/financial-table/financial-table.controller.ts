import { FinancialTableDiffResponse, FinancialTableResponse } from '../http/responses';
import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import {
  Allow,
  ApiViewOrFileResponse,
  CurrentAccess,
  downloadOf,
  ExportFormatQuery,
  wantsFile,
  type Access,
} from '@cvl/platform';
import { financialTableReport } from './financial-table';
import { FinancialTableDiffQuery, FinancialTableQuery } from './financial-table.queries';
import { READS_SIGNED_TABLE } from '../http/access';

export class TableQuery extends ExportFormatQuery {
  @ApiPropertyOptional({
    description: 'version signée (1 = signature, 2 = premier avenant…) ; absente : version en cours',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class DiffQuery {
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1) from!: number;
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1) to!: number;
}

@ApiTags('maquette financière')
@Controller('api/renewal-urban/protocols')
export class FinancialTableController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/financial-table')
  @ApiViewOrFileResponse(FinancialTableResponse)
  @Allow(READS_SIGNED_TABLE)
  @ApiOperation({
    summary:
      'Maquette financière : quartier × opération × financeur, totaux ; en JSON, CSV, XLSX ou PDF ; à toute version signée',
  })
  async table(@CurrentAccess() access: Access, @Param('id') id: string, @Query() query: TableQuery) {
    const { protocol, table } = await this.queries.execute(
      new FinancialTableQuery(id, { access, ...(query.version ? { version: query.version } : {}) }),
    );
    if (wantsFile(query.format))
      return downloadOf(financialTableReport(protocol, table, new Date().toISOString()), query.format, query);
    return table;
  }

  @Get(':id/financial-table/diff')
  @ApiOkResponse({ type: FinancialTableDiffResponse })
  @Allow(READS_SIGNED_TABLE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Ce qu’un avenant a changé entre deux versions signées' })
  async diff(@CurrentAccess() access: Access, @Param('id') id: string, @Query() query: DiffQuery) {
    return this.queries.execute(new FinancialTableDiffQuery(id, { access, from: query.from, to: query.to }));
  }
}
