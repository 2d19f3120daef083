import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CODE, CODE_MESSAGE, ExportFormatQuery } from '@cvl/platform';

/** `?funder=&quartier=&stake=&year=&format=`: the matrix's filters, each named in the refusal when it is wrong. */
export class MatrixFilterDto extends ExportFormatQuery {
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
