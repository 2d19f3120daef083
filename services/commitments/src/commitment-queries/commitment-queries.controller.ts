import { CommitmentHistoryResponse, CommitmentPage, CommitmentResponse } from '../http/responses';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { Allow, CurrentAccess, PageQuery, type Access, type Versioned } from '@cvl/platform';
import { READS_COMMITMENTS } from '../http/access';
import { CODE, CODE_MESSAGE } from '../http/trace.dto';
import type { CommitmentView } from '../queries/views';
import { CommitmentHistoryQuery, CommitmentQuery, CommitmentsQuery } from './commitment.queries';

export class CommitmentListQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) funder?: string;
  @ApiPropertyOptional({ enum: ['indicative', 'conditional', 'firm', 'lapsed'] })
  @IsOptional()
  @IsIn(['indicative', 'conditional', 'firm', 'lapsed'])
  status?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) conditionId?: string;
}

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class CommitmentQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOkResponse({ type: CommitmentPage })
  @Allow(READS_COMMITMENTS)
  @ApiOperation({ summary: 'Lister les engagements (par financeur, statut, condition)' })
  list(@CurrentAccess() access: Access, @Query() query: CommitmentListQuery) {
    return this.queries.execute(new CommitmentsQuery({ access, filter: query }));
  }

  @Get(':id')
  @ApiOkResponse({ type: CommitmentResponse })
  @Allow(READS_COMMITMENTS)
  @ApiOperation({ summary: 'Un engagement, ses montants et sa version (ETag)' })
  get(@CurrentAccess() access: Access, @Param('id') id: string): Promise<Versioned<CommitmentView>> {
    return this.queries.execute(new CommitmentQuery({ access, commitmentId: id }));
  }

  @Get(':id/history')
  @ApiOkResponse({ type: CommitmentHistoryResponse })
  @Allow(READS_COMMITMENTS)
  @ApiOperation({ summary: 'L’historique complet d’un engagement : qui, quand, pourquoi, sur quelle source' })
  history(@CurrentAccess() access: Access, @Param('id') id: string) {
    return this.queries.execute(new CommitmentHistoryQuery({ access, commitmentId: id }));
  }
}
