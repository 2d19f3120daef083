import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, CurrentAccess, PageQuery, paginate, type Access, type Versioned } from '@cvl/platform';
import { READS_COMMITMENTS, seesCommitment, visibleCommitment } from '../http/access';
import { commitmentResource } from '../http/commitment-resource';
import { CODE, CODE_MESSAGE } from '../http/trace.dto';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import { LedgerProjection } from '../infrastructure/ledger-projection';
import { commitmentView, type CommitmentView } from '../queries/views';

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
  constructor(
    private readonly ledger: CommitmentsLedger,
    private readonly projection: LedgerProjection,
  ) {}

  @Get()
  @Allow(READS_COMMITMENTS)
  @ApiOperation({ summary: 'Lister les engagements (par financeur, statut, condition)' })
  async list(@CurrentAccess() access: Access, @Query() query: CommitmentListQuery) {
    const { state } = await this.ledger.current();
    const items = [...state.commitments.values()]
      .filter((c) => seesCommitment(access, c))
      .filter(
        (c) =>
          (!query.funder || c.funder === query.funder) &&
          (!query.status || c.status === query.status) &&
          (!query.conditionId || c.conditionId === query.conditionId),
      )
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((c) => commitmentView(state, c));
    return paginate(items, query);
  }

  @Get(':id')
  @Allow(READS_COMMITMENTS)
  @ApiOperation({ summary: 'Un engagement, ses montants et sa version (ETag)' })
  async get(@CurrentAccess() access: Access, @Param('id') id: string): Promise<Versioned<CommitmentView>> {
    const { state } = await this.ledger.current();
    visibleCommitment(access, state, id);
    return commitmentResource(state, id);
  }

  @Get(':id/history')
  @Allow(READS_COMMITMENTS)
  @ApiOperation({ summary: 'L’historique complet d’un engagement : qui, quand, pourquoi, sur quelle source' })
  async history(@CurrentAccess() access: Access, @Param('id') id: string) {
    const { state } = await this.ledger.current();
    visibleCommitment(access, state, id);
    return { commitmentId: id, events: await this.projection.history(id) };
  }
}
