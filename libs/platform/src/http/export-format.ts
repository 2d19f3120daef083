import { applyDecorators, StreamableFile, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CONTENT_TYPES, EXPORT_FORMATS, exportFile, type ExportFormat, type ReportDocument } from '@cvl/exports';

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

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'CSV : le titre du document, son émetteur, sa date et sa référence au-dessus des tableaux (les colonnes de montants restent des nombres)',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'titleBlock attendu : true ou false' })
  titleBlock?: 'true' | 'false';
}

/** True when the query asks for a file rather than JSON. */
export function wantsFile(format: ExportFormatQuery['format']): format is ExportFormat {
  return format !== undefined && format !== 'json';
}

/** The document as the file asked for, ready to return from a controller. */
export async function downloadOf(
  document: ReportDocument,
  format: ExportFormat,
  query: Pick<ExportFormatQuery, 'titleBlock'> = {},
): Promise<StreamableFile> {
  const file = await exportFile(document, format, { titleBlock: query.titleBlock === 'true' });
  return new StreamableFile(file.body, { type: file.type, disposition: file.disposition });
}

/** The files a view downloads as, for the OpenAPI document: one media type per format, bytes. */
const fileContents = () =>
  Object.fromEntries(
    EXPORT_FORMATS.map((format) => [
      CONTENT_TYPES[format].split(';')[0],
      { schema: { type: 'string', format: 'binary' } },
    ]),
  );

/** Documents a view that answers JSON (its schema) or, with `?format=`, the same view as a CSV, XLSX or PDF file. */
export function ApiViewOrFileResponse(view: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(view),
    ApiOkResponse({
      description: `en JSON ; avec ?format=${EXPORT_FORMATS.join(', ')}, la même vue en fichier`,
      content: { 'application/json': { schema: { $ref: getSchemaPath(view) } }, ...fileContents() },
    }),
  );
}

/** Documents a route that answers a file only (CSV, XLSX or PDF). */
export function ApiFileResponse() {
  return ApiOkResponse({ description: `un fichier (${EXPORT_FORMATS.join(', ')})`, content: fileContents() });
}
