import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReportTable } from '@cvl/exports';
import { Allow, CurrentAccess, downloadOf, ExportFormatQuery, wantsFile, type Access } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { pendingByCondition, poolPositions } from './conditions-and-pools';
import { conditionsTable, poolsTable } from './conditions-and-pools.report';
import { figuresScope, ownCommitments, READS_FIGURES } from '../access/read-scope';

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
  constructor(private readonly readModels: ReadModels) {}

  @Get('conditions')
  @Allow(READS_FIGURES)
  @ApiOperation({
    summary:
      'Ce qui attend chaque condition suspensive : les montants conditionnels, financeur par financeur (JSON, CSV, XLSX ou PDF)',
  })
  async conditions(@CurrentAccess() access: Access, @Query() query: ExportFormatQuery) {
    const conditions = pendingByCondition(ownCommitments(access, await this.readModels.all(figuresScope(access))));
    return wantsFile(query.format)
      ? downloadOf(
          single(conditionsTable(conditions), 'Conditions suspensives — montants en attente', 'conditions'),
          query.format,
        )
      : { conditions };
  }

  @Get('pools')
  @Allow(READS_FIGURES)
  @ApiOperation({
    summary:
      'Chaque enveloppe globale (pool) : ce qui reste à ventiler et les parts déjà ventilées (JSON, CSV, XLSX ou PDF)',
  })
  async pools(@CurrentAccess() access: Access, @Query() query: ExportFormatQuery) {
    const pools = poolPositions(ownCommitments(access, await this.readModels.all(figuresScope(access))));
    return wantsFile(query.format)
      ? downloadOf(single(poolsTable(pools), 'Enveloppes communes — ventilation', 'enveloppes-communes'), query.format)
      : { pools };
  }
}
