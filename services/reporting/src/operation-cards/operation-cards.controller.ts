import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Allow,
  ApiViewOrFileResponse,
  CurrentAccess,
  downloadOf,
  InvalidInputException,
  wantsFile,
  type Access,
} from '@cvl/platform';
import { READS_OPERATIONS } from '../access/read-scope';
import { OperationCardResponse, OperationCardsResponse } from '../http/responses';
import { OPERATION_SOURCES, OperationsFilterDto, SOURCE_MESSAGE } from './operation-cards.dto';
import { OperationCardQuery, OperationCardsQuery } from './operation-cards.query';
import { operationCardsReport } from './operation-cards.report';
import { ReadModels } from '../infrastructure/read-models';

@ApiTags('restitutions')
@Controller('api/reporting/operations')
export class OperationCardsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readModels: ReadModels,
  ) {}

  @Get()
  @ApiViewOrFileResponse(OperationCardsResponse)
  @Allow(READS_OPERATIONS)
  @ApiOperation({
    summary:
      'Fiches opérations, tous programmes : coût, état, plan de financement et engagements de chaque financeur (JSON, CSV, XLSX ou PDF)',
  })
  async list(@CurrentAccess() access: Access, @Query() query: OperationsFilterDto) {
    const { format, titleBlock, ...filter } = query;
    const cards = await this.queries.execute(new OperationCardsQuery({ access, filter }));
    if (!wantsFile(format)) return { filter, operations: cards };
    const words = Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k} ${v}`);
    return downloadOf(
      operationCardsReport(
        cards,
        [words.length ? `Filtre : ${words.join(', ')}` : 'Toutes les opérations'],
        new Date().toISOString(),
        await this.readModels.names(),
      ),
      format,
      { titleBlock },
    );
  }

  @Get(':source/:programme/:operation')
  @ApiOkResponse({ type: OperationCardResponse })
  @Allow(READS_OPERATIONS)
  @ApiOperation({
    summary:
      'La fiche d’une opération : ce que dit son programme et ce que le registre a engagé, financeur par financeur',
  })
  card(
    @CurrentAccess() access: Access,
    @Param('source') source: string,
    @Param('programme') programme: string,
    @Param('operation') operation: string,
  ) {
    if (!OPERATION_SOURCES.includes(source))
      throw new InvalidInputException([{ field: 'source', message: SOURCE_MESSAGE }]);
    return this.queries.execute(new OperationCardQuery({ access, source, programme, operation }));
  }
}
