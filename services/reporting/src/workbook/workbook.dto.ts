import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '@cvl/exports';

/** `?format=`: the workbook is a file (XLSX unless asked otherwise). */
export class WorkbookFormatDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format attendu parmi : ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;
}
