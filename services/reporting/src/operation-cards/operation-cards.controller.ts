import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import {
  Allow,
  CODE,
  CODE_MESSAGE,
  CurrentAccess,
  downloadOf,
  ExportFormatQuery,
  InvalidInputException,
  wantsFile,
  type Access,
} from '@cvl/platform';
import { READS_OPERATIONS, visibleOperations } from '../access/read-scope';
import { ReadModels } from '../infrastructure/read-models';
import { PROGRAMME_SOURCES } from '../projection/programme-projection';
import { operationCard, operationCards } from './operation-cards';
import { operationCardsReport } from './operation-cards.report';

const SOURCES: readonly string[] = PROGRAMME_SOURCES;

export class OperationsQuery extends ExportFormatQuery {
  @ApiPropertyOptional({ enum: SOURCES })
  @IsOptional()
  @IsIn(SOURCES, { message: `programme source attendu parmi : ${SOURCES.join(', ')}` })
  source?: string;
  @ApiPropertyOptional({ description: 'protocole NPNRU ou programme ITI' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  programme?: string;
  @ApiPropertyOptional({ example: 'QP062024' })
  @IsOptional()
  @Matches(/^QP\d{6}$/, { message: 'code de quartier attendu (QP et six chiffres)' })
  quartier?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) funder?: string;
}

@ApiTags('restitutions')
@Controller('api/reporting/operations')
export class OperationCardsController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @Allow(READS_OPERATIONS)
  @ApiOperation({
    summary:
      'Fiches opérations, tous programmes : coût, état, plan de financement et engagements de chaque financeur (JSON, CSV, XLSX ou PDF)',
  })
  async list(@CurrentAccess() access: Access, @Query() query: OperationsQuery) {
    const { format, ...filter } = query;
    const visible = visibleOperations(access, await this.readModels.operations(), await this.readModels.all());
    const cards = operationCards(visible.operations, visible.commitments, filter);
    if (wantsFile(format)) {
      const words = Object.entries(filter)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k} ${v}`);
      return downloadOf(
        operationCardsReport(
          cards,
          [words.length ? `Filtre : ${words.join(', ')}` : 'Toutes les opérations'],
          new Date().toISOString(),
        ),
        format,
      );
    }
    return { filter, operations: cards };
  }

  @Get(':source/:programme/:operation')
  @Allow(READS_OPERATIONS)
  @ApiOperation({
    summary:
      'La fiche d’une opération : ce que dit son programme et ce que le registre a engagé, financeur par financeur',
  })
  async card(
    @CurrentAccess() access: Access,
    @Param('source') source: string,
    @Param('programme') programme: string,
    @Param('operation') operation: string,
  ) {
    if (!SOURCES.includes(source))
      throw new InvalidInputException([
        { field: 'source', message: `programme source attendu parmi : ${SOURCES.join(', ')}` },
      ]);
    const visible = visibleOperations(access, await this.readModels.operations(), await this.readModels.all());
    // An operation the principal has no part in is, for it, an operation that does not exist.
    const found = visible.operations.find(
      (o) => o.source === source && o.programmeId === programme && o.operationId === operation,
    );
    if (!found) throw new NotFoundException(`Opération inconnue : ${source} ${programme} ${operation}`);
    return operationCard(found, visible.commitments);
  }
}
