import { BalancesResponse, FunderStatementResponse } from '../http/responses';
import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Allow, CurrentAccess, IsCalendarDate, type Access } from '@cvl/platform';
import { READS_COMMITMENTS } from '../http/access';
import { ApiOperation, ApiPropertyOptional, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { isIsoDate } from '@cvl/ledger';
import type { PointInTime } from '../infrastructure/ledger-projection';
import { BalancesQuery, FunderStatementQuery } from './funder-statement.queries';

export class PointInTimeQuery {
  @ApiPropertyOptional({ example: '2016-12-31', description: 'situation à cette date d’effet (AAAA-MM-JJ)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({
    example: '2017-03-01T00:00:00Z',
    description: 'telle que connue à cet instant (date d’enregistrement)',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, {
    message: 'instant ISO 8601 attendu, par ex. 2017-03-01T00:00:00Z',
  })
  knownAt?: string;
}

function pointInTime(query: PointInTimeQuery): PointInTime {
  const knownAt = query.knownAt && query.knownAt.length === 10 ? `${query.knownAt}T23:59:59.999Z` : query.knownAt;
  // A day that does not exist (« 2016-02-30 ») is refused here: JavaScript would roll it over to March, PostgreSQL
  // refuses it. What goes to the projection is the instant in one unambiguous form.
  // Year 0000 neither: PostgreSQL has no year zero.
  if (knownAt && (!isIsoDate(knownAt.slice(0, 10)) || knownAt.startsWith('0000') || Number.isNaN(Date.parse(knownAt))))
    throw new BadRequestException('knownAt : instant invalide (jour inexistant ou forme non ISO 8601)');
  return {
    ...(query.asOf ? { asOf: query.asOf } : {}),
    ...(knownAt ? { knownAt: new Date(Date.parse(knownAt)).toISOString() } : {}),
  };
}

@ApiTags('restitutions')
@Controller('api/commitments')
export class FunderStatementController {
  constructor(private readonly queries: QueryBus) {}

  @Get('funders/:code/statement')
  @ApiOkResponse({ type: FunderStatementResponse })
  @Allow(READS_COMMITMENTS)
  @ApiOperation({
    summary:
      'Relevé d’un financeur : indicatif, conditionnel, ferme, payé, reste à payer — à une date, tel que connu à un instant',
  })
  statement(@CurrentAccess() access: Access, @Param('code') code: string, @Query() query: PointInTimeQuery) {
    return this.queries.execute(new FunderStatementQuery({ access, funder: code, at: pointInTime(query) }));
  }

  @Get('balances')
  @ApiOkResponse({ type: BalancesResponse })
  @Allow({ all: ['pilotage', 'auditeur'] })
  @ApiOperation({ summary: 'Soldes par financeur et équilibre du grand livre, à une date, tel que connu à un instant' })
  balances(@Query() query: PointInTimeQuery) {
    return this.queries.execute(new BalancesQuery({ at: pointInTime(query) }));
  }
}
