import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '@cvl/exports';
import { downloadOf } from '@cvl/platform';
import { coFinancingMatrix } from '../co-financing-matrix/co-financing-matrix';
import { matrixReport } from '../co-financing-matrix/co-financing-matrix.report';
import { pendingByCondition, poolPositions } from '../conditions-and-pools/conditions-and-pools';
import { conditionsTable, poolsTable } from '../conditions-and-pools/conditions-and-pools.report';
import { envelopePositions } from '../envelopes/envelopes';
import { envelopesReport } from '../envelopes/envelopes.report';
import { ReadModels } from '../infrastructure/read-models';
import { operationCards } from '../operation-cards/operation-cards';
import { operationCardsReport } from '../operation-cards/operation-cards.report';

export class WorkbookQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format attendu parmi : ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;
}

@ApiTags('restitutions')
@Controller('api/reporting/workbook')
export class WorkbookController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @ApiOperation({ summary: 'Toutes les restitutions dans un seul fichier : une feuille par vue (XLSX par défaut ; PDF ou CSV aussi)' })
  async workbook(@Query() query: WorkbookQuery) {
    const at = new Date().toISOString();
    const [commitments, operations, envelopes] = await Promise.all([this.readModels.all(), this.readModels.operations(), this.readModels.envelopes()]);
    const views = [
      matrixReport(coFinancingMatrix(commitments), at),
      operationCardsReport(operationCards(operations, commitments), [], at),
      envelopesReport(envelopePositions(envelopes, commitments, operations), at),
    ];
    return downloadOf(
      {
        title: 'Restitutions du contrat de ville de Lens-Liévin 2015-2020',
        subtitle: ['Cofinancement, opérations, enveloppes, conditions en attente, enveloppes communes'],
        generatedAt: at,
        fileName: 'restitutions-contrat-de-ville',
        tables: [...views.flatMap((view) => view.tables), conditionsTable(pendingByCondition(commitments)), poolsTable(poolPositions(commitments))],
      },
      query.format ?? 'xlsx',
    );
  }
}
