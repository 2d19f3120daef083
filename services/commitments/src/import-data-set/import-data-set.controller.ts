import { ImportCheckResponse, ImportResponse } from '../http/responses';
import {
  Controller,
  HttpCode,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow, Costly, CurrentAccess, InvalidInputException, type Access } from '@cvl/platform';
import { CommandBus } from '@nestjs/cqrs';
import { InvalidDataSetError } from './import-data-set';
import { ImportDataSetCommand } from './import-data-set.handler';
import { readJsonDataSet, readXlsxDataSet, type ReadResult } from './read-data-set';
import { validateDataSet, type ImportError } from './validate';
import { UnsafeArchiveError } from './xlsx-guard';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DATA_SET_JSON_TYPE = 'application/vnd.cvl.jeu-de-donnees+json';
/** The file as sent: 10 MB (the Lens-Liévin contract is 0,6 MB as CSV). Its inflated content is bounded apart. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The request's body, read here (no body parser takes these types), and no further than the limit. */
async function readBounded(request: Request, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new PayloadTooLargeException(
      `Fichier de plus de ${limit / 1024 / 1024} Mo : découpez le jeu de données, ou envoyez-le en XLSX (compressé)`,
    );
  if (Number(request.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const asFieldErrors = (errors: ImportError[]) =>
  errors.map((e) => ({ field: `${e.file}, ligne ${e.row}, colonne ${e.column}`, message: e.reason }));

/**
 * POST /api/commitments/imports: a data set sent as a file (XLSX, or JSON), imported as `cvl import` does — whole
 * or not at all, as the authenticated principal. What the web application and `cvl import` (while the suite
 * runs) use.
 */
@ApiTags('import')
@Controller('api/commitments/imports')
export class ImportDataSetController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCreatedResponse({ type: ImportResponse })
  @Allow({ all: ['exploitation'] })
  @Costly()
  @HttpCode(201)
  @ApiConsumes(XLSX_TYPE, DATA_SET_JSON_TYPE)
  @ApiQuery({ name: 'nom', required: false, description: 'le nom du fichier, repris dans les erreurs' })
  @ApiQuery({
    name: 'dryRun',
    required: false,
    enum: ['true', 'false'],
    description: 'true : vérifier seulement — le rapport de toutes les erreurs (200), rien n’est écrit',
  })
  @ApiOkResponse({ type: ImportCheckResponse, description: 'dryRun=true : le rapport de vérification' })
  @ApiOperation({
    summary:
      'Importer un jeu de données (classeur XLSX ou JSON) : tout est vérifié d’abord, rien n’est importé s’il y a une erreur ; importer deux fois n’ajoute rien',
  })
  async upload(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentAccess() access: Access,
    @Query('nom') name?: string,
    @Query('dryRun') dryRunText?: string,
  ) {
    if (dryRunText !== undefined && dryRunText !== 'true' && dryRunText !== 'false')
      throw new InvalidInputException([{ field: 'dryRun', message: 'true (vérifier seulement) ou false' }]);
    const dryRun = dryRunText === 'true';
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== XLSX_TYPE && type !== DATA_SET_JSON_TYPE) {
      throw new UnsupportedMediaTypeException(
        `Type de fichier « ${type || 'absent'} » : envoyez un classeur (${XLSX_TYPE}) ou un JSON (${DATA_SET_JSON_TYPE})`,
      );
    }
    const file =
      name && /^[\p{L}\p{N} ._()-]{1,120}$/u.test(name)
        ? name
        : type === XLSX_TYPE
          ? 'classeur.xlsx'
          : 'jeu-de-donnees.json';
    const content = await readBounded(request, MAX_UPLOAD_BYTES);
    let read: ReadResult;
    try {
      read =
        type === XLSX_TYPE ? await readXlsxDataSet(content, file) : readJsonDataSet(content.toString('utf8'), file);
    } catch (error) {
      if (error instanceof UnsafeArchiveError) throw new PayloadTooLargeException(error.message);
      throw new InvalidInputException([{ field: file, message: `fichier illisible : ${(error as Error).message}` }]);
    }
    const errors = [...read.errors, ...validateDataSet(read.dataSet)];
    if (dryRun) {
      // The whole file's report, before anything is written: what the web application shows before « Importer ».
      response.status(200);
      const { dataSet } = read;
      return {
        format: read.format,
        document: dataSet.document,
        dryRun: true,
        valid: errors.length === 0,
        errors: errors.map((e) => ({ file: e.file, row: e.row, column: e.column, reason: e.reason })),
        rows: {
          references: dataSet.references.length,
          conditions: dataSet.conditions.length,
          envelopes: dataSet.envelopes.length,
          operations: dataSet.operations?.length ?? 0,
          figures: dataSet.figures.length,
          governance: dataSet.governance?.length ?? 0,
        },
      };
    }
    if (errors.length > 0) throw new InvalidInputException(asFieldErrors(errors));
    try {
      const summary = await this.commands.execute(
        new ImportDataSetCommand({ dataSet: read.dataSet, importer: access.principal }),
      );
      return { format: read.format, document: read.dataSet.document, ...summary };
    } catch (error) {
      if (error instanceof InvalidDataSetError) throw new InvalidInputException(asFieldErrors(error.errors));
      throw error;
    }
  }
}
