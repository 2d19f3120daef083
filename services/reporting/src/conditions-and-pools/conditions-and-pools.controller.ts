import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReportTable } from '@cvl/exports';
import {
  Allow,
  ApiViewOrFileResponse,
  CurrentAccess,
  downloadOf,
  ExportFormatQuery,
  wantsFile,
  type Access,
} from '@cvl/platform';
import { READS_FIGURES } from '../access/read-scope';
import { PendingConditionsResponse, PoolPositionsResponse } from '../http/responses';
import { PendingConditionsQuery, PoolPositionsQuery } from './conditions-and-pools.query';
import { conditionsTable, poolsTable } from './conditions-and-pools.report';

const single = (table: ReportTable, title: string, fileName: string) => ({
  title,
  subtitle: ['Contrat de ville de Lens-Liévin 2015-2020'],
  generatedAt: new Date().toISOString(),
  fileName,
  tables: [table],
});

@ApiTags('restitutions')
@Controller('api/reporting')
export class ConditionsAndPoolsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('conditions')
  @ApiViewOrFileResponse(PendingConditionsResponse)
  @Allow(READS_FIGURES)
  @ApiOperation({
    summary:
      'Ce qui attend chaque condition suspensive : les montants conditionnels, financeur par financeur (JSON, CSV, XLSX ou PDF)',
  })
  async conditions(@CurrentAccess() access: Access, @Query() query: ExportFormatQuery) {
    const conditions = await this.queries.execute(new PendingConditionsQuery({ access }));
    return wantsFile(query.format)
      ? downloadOf(
          single(conditionsTable(conditions), 'Conditions suspensives — montants en attente', 'conditions'),
          query.format,
          query,
        )
      : { conditions };
  }

  @Get('pools')
  @ApiViewOrFileResponse(PoolPositionsResponse)
  @Allow(READS_FIGURES)
  @ApiOperation({
    summary:
      'Chaque enveloppe globale (pool) : ce qui reste à ventiler et les parts déjà ventilées (JSON, CSV, XLSX ou PDF)',
  })
  async pools(@CurrentAccess() access: Access, @Query() query: ExportFormatQuery) {
    const pools = await this.queries.execute(new PoolPositionsQuery({ access }));
    return wantsFile(query.format)
      ? downloadOf(
          single(poolsTable(pools), 'Enveloppes communes — ventilation', 'enveloppes-communes'),
          query.format,
          query,
        )
      : { pools };
  }
}
