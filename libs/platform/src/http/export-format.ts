import { StreamableFile } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXPORT_FORMATS, exportFile, type ExportFormat, type ReportDocument } from '@cvl/exports';

const FORMATS = ['json', ...EXPORT_FORMATS] as const;

/** `?format=json|csv|xlsx|pdf` on any view that people also download. */
export class ExportFormatQuery {
  @ApiPropertyOptional({
    enum: FORMATS,
    description: 'json (par défaut) ; csv (séparateur « ; », virgule décimale), xlsx, pdf',
  })
  @IsOptional()
  @IsIn(FORMATS, { message: `format attendu parmi : ${FORMATS.join(', ')}` })
  format?: 'json' | ExportFormat;
}

/** True when the query asks for a file rather than JSON. */
export function wantsFile(format: ExportFormatQuery['format']): format is ExportFormat {
  return format !== undefined && format !== 'json';
}

/** The document as the file asked for, ready to return from a controller. */
export async function downloadOf(document: ReportDocument, format: ExportFormat): Promise<StreamableFile> {
  const file = await exportFile(document, format);
  return new StreamableFile(file.body, { type: file.type, disposition: file.disposition });
}
