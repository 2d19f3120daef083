import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiViewOrFileResponse, CurrentAccess, downloadOf, wantsFile, type Access } from '@cvl/platform';
import { READS_FIGURES } from '../access/read-scope';
import { CoFinancingMatrixResponse } from '../http/responses';
import { MatrixFilterDto } from './co-financing-matrix.dto';
import { CoFinancingMatrixQuery } from './co-financing-matrix.query';
import { matrixReport } from './co-financing-matrix.report';
import { ReadModels } from '../infrastructure/read-models';

@ApiTags('restitutions')
@Controller('api/reporting/co-financing')
export class CoFinancingMatrixController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readModels: ReadModels,
  ) {}

  @Get()
  @ApiViewOrFileResponse(CoFinancingMatrixResponse)
  @Allow(READS_FIGURES)
  @ApiOperation({ summary: 'Matrice de cofinancement : financeur × enjeu × quartier × année (JSON, CSV, XLSX ou PDF)' })
  async matrix(@CurrentAccess() access: Access, @Query() query: MatrixFilterDto) {
    const { format, titleBlock, ...filter } = query;
    const matrix = await this.queries.execute(new CoFinancingMatrixQuery({ access, filter }));
    if (!wantsFile(format)) return matrix;
    return downloadOf(matrixReport(matrix, new Date().toISOString(), await this.readModels.names()), format, {
      titleBlock,
    });
  }
}
