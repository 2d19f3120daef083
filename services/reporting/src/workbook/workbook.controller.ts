import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiFileResponse, Costly, CurrentAccess, downloadOf, type Access } from '@cvl/platform';
import { READS_FIGURES } from '../access/read-scope';
import { WorkbookFormatDto } from './workbook.dto';
import { WorkbookQuery } from './workbook.query';

@ApiTags('restitutions')
@Controller('api/reporting/workbook')
export class WorkbookController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiFileResponse()
  @Allow(READS_FIGURES)
  @Costly()
  @ApiOperation({
    summary: 'Toutes les restitutions dans un seul fichier : une feuille par vue (XLSX par défaut ; PDF ou CSV aussi)',
  })
  async workbook(@CurrentAccess() access: Access, @Query() query: WorkbookFormatDto) {
    const document = await this.queries.execute(new WorkbookQuery({ access, at: new Date().toISOString() }));
    return downloadOf(document, query.format ?? 'xlsx');
  }
}
