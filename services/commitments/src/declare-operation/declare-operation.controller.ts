import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { OperationResponse, OperationsResponse } from '../http/responses';
import { toTrace } from '../http/trace.dto';
import { DeclareOperationCommand } from './declare-operation.handler';
import { declareOperationOf, DeclareOperationDto } from './declare-operation.dto';
import { READS_OPERATIONS } from '../http/access';
import { OperationQuery, OperationsQuery, operationView } from './operation.query';

export class OperationsFilterDto {
  @ApiPropertyOptional({ description: 'seulement les opérations au-delà d’un de leurs plafonds (aujourd’hui)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overCap : true ou false' })
  overCap?: boolean;
}

@ApiTags('registre des opérations')
@Controller('api/commitments/operations')
export class DeclareOperationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: OperationResponse })
  @Allow({ all: ['pilotage'] })
  @ApiOperation({
    summary:
      'Déclarer une opération au registre (une identité, tous programmes et financeurs) ou y ajouter la référence d’un programme',
  })
  async declare(@Body() body: DeclareOperationDto) {
    const executed = await this.commands.execute(
      new DeclareOperationCommand(declareOperationOf(body, toTrace(body.trace))),
    );
    const operation = executed.state.operations.get(body.operationId);
    if (!operation) throw new Error(`opération ${body.operationId} absente après sa déclaration`);
    return operationView(executed.state, operation, new Date().toISOString().slice(0, 10));
  }

  @Get()
  @ApiOkResponse({ type: OperationsResponse })
  @Allow(READS_OPERATIONS)
  @ApiOperation({ summary: 'Le registre des opérations : financeurs de chacune, plafonds et ce qui compte contre eux' })
  list(@CurrentAccess() access: Access, @Query() filter: OperationsFilterDto) {
    return this.queries.execute(new OperationsQuery({ access, overCapOnly: filter.overCap === true }));
  }

  @Get(':id')
  @ApiOkResponse({ type: OperationResponse })
  @Allow(READS_OPERATIONS)
  @ApiOperation({
    summary: 'Une opération : tous ses financeurs, de tous les programmes, et ses plafonds de cofinancement',
  })
  get(@CurrentAccess() access: Access, @Param('id') id: string) {
    return this.queries.execute(new OperationQuery({ access, operationId: id }));
  }
}
