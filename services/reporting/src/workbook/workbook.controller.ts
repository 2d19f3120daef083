import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '@cvl/exports';
import { Allow, Costly, CurrentAccess, downloadOf, type Access } from '@cvl/platform';
import { coFinancingMatrix } from '../co-financing-matrix/co-financing-matrix';
import { matrixReport } from '../co-financing-matrix/co-financing-matrix.report';
import { pendingByCondition, poolPositions } from '../conditions-and-pools/conditions-and-pools';
import { conditionsTable, poolsTable } from '../conditions-and-pools/conditions-and-pools.report';
import { envelopePositions } from '../envelopes/envelopes';
import { envelopesReport } from '../envelopes/envelopes.report';
import { ReadModels } from '../infrastructure/read-models';
import { operationCards } from '../operation-cards/operation-cards';
import { operationCardsReport } from '../operation-cards/operation-cards.report';
import { ownCommitments, ownEnvelopes, READS_FIGURES, visibleOperations } from '../access/read-scope';

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
  @Allow(READS_FIGURES)
  @Costly()
  @ApiOperation({
    summary: 'Toutes les restitutions dans un seul fichier : une feuille par vue (XLSX par défaut ; PDF ou CSV aussi)',
  })
  async workbook(@CurrentAccess() access: Access, @Query() query: WorkbookQuery) {
    const at = new Date().toISOString();
    const [all, operations, envelopes] = await Promise.all([
      this.readModels.all(),
      this.readModels.operations(),
      this.readModels.envelopes(),
    ]);
    // Each sheet scoped as its own view is: the principal's euros; the operations it has a part in, with their co-funders.
    const commitments = ownCommitments(access, all);
    const visible = visibleOperations(access, operations, all);
    const views = [
      matrixReport(coFinancingMatrix(commitments), at),
      operationCardsReport(operationCards(visible.operations, visible.commitments), [], at),
      envelopesReport(envelopePositions(ownEnvelopes(access, envelopes), commitments, operations), at),
    ];
    return downloadOf(
      {
        title: 'Restitutions du contrat de ville de Lens-Liévin 2015-2020',
        subtitle: ['Cofinancement, opérations, enveloppes, conditions en attente, enveloppes communes'],
        generatedAt: at,
        fileName: 'restitutions-contrat-de-ville',
        tables: [
          ...views.flatMap((view) => view.tables),
          conditionsTable(pendingByCondition(commitments)),
          poolsTable(poolPositions(commitments)),
        ],
      },
      query.format ?? 'xlsx',
    );
  }
}
