import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  Allow,
  CODE,
  CODE_MESSAGE,
  CurrentAccess,
  downloadOf,
  ExportFormatQuery,
  wantsFile,
  type Access,
} from '@cvl/platform';
import { figuresScope, READS_FIGURES, seesFigures } from '../access/read-scope';
import { ReadModels } from '../infrastructure/read-models';
import { matrixOfSums, NONE } from './co-financing-matrix';
import { matrixReport } from './co-financing-matrix.report';

export class MatrixQuery extends ExportFormatQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) funder?: string;
  @ApiPropertyOptional({ example: 'QP062024' })
  @IsOptional()
  @Matches(/^(QP\d{6}|\(non rattaché\))$/, { message: 'code de quartier attendu' })
  quartier?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9-]{1,40}$/) stake?: string;
  // Bounded as the envelopes' years are: the matrix is summed in SQL, where a year must be an integer it can hold.
  @ApiPropertyOptional({ example: 2016, minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000, { message: 'année attendue entre 2000 et 2100' })
  @Max(2100, { message: 'année attendue entre 2000 et 2100' })
  year?: number;
}

@ApiTags('restitutions')
@Controller('api/reporting/co-financing')
export class CoFinancingMatrixController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @Allow(READS_FIGURES)
  @ApiOperation({ summary: 'Matrice de cofinancement : financeur × enjeu × quartier × année (JSON, CSV, XLSX ou PDF)' })
  async matrix(@CurrentAccess() access: Access, @Query() query: MatrixQuery) {
    const { format, ...filter } = query;
    // Summed in SQL over what the principal may see: every commitment, or its own organisation's as a financeur.
    const cells = seesFigures(access)
      ? await this.readModels.matrixCells(figuresScope(access, filter.funder), filter, NONE)
      : [];
    const matrix = matrixOfSums(cells, filter);
    if (wantsFile(format)) return downloadOf(matrixReport(matrix, new Date().toISOString()), format);
    return matrix;
  }
}
