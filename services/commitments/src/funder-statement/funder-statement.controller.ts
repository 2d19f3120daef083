import { BalancesResponse, FunderStatementResponse } from '../http/responses';
import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  Allow,
  ApiViewOrFileResponse,
  CurrentAccess,
  downloadOf,
  ExportFormatQuery,
  IsCalendarDate,
  wantsFile,
  type Access,
} from '@cvl/platform';
import { READS_COMMITMENTS } from '../http/access';
import { ApiOperation, ApiPropertyOptional, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { isIsoDate } from '@cvl/ledger';
import type { PointInTime } from '../infrastructure/ledger-projection';
import { BalancesQuery, FunderStatementQuery, type FunderStatementView } from './funder-statement.queries';
import { StatementIssuer } from './funder-statement.issue';

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

/** A statement at a point in time, as JSON or as the sealed document a funder signs (`?format=pdf|xlsx|csv`). */
export class StatementQuery extends PointInTimeQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx', 'pdf'] })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx', 'pdf'], { message: 'format attendu parmi : json, csv, xlsx, pdf' })
  format?: ExportFormatQuery['format'];

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'CSV : le titre, l’émetteur et la référence en tête' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'titleBlock attendu : true ou false' })
  titleBlock?: 'true' | 'false';
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
  constructor(
    private readonly queries: QueryBus,
    private readonly issuer: StatementIssuer,
  ) {}

  @Get('funders/:code/statement')
  @ApiViewOrFileResponse(FunderStatementResponse)
  @Allow(READS_COMMITMENTS)
  @ApiOperation({
    summary:
      'Relevé des engagements d’un financeur : indicatif, conditionnel, ferme, payé, reste à payer, engagement par engagement avec son acte et ses lignes du document — arrêté à une date d’effet, tel que connu à un instant ; en PDF, XLSX ou CSV, le relevé scellé (référence, empreinte, tête signée du journal) que vérifie cvl audit verify',
  })
  async statement(@CurrentAccess() access: Access, @Param('code') code: string, @Query() query: StatementQuery) {
    const view: FunderStatementView = await this.queries.execute(
      new FunderStatementQuery({ access, funder: code, at: pointInTime(query) }),
    );
    return wantsFile(query.format) ? downloadOf(await this.issuer.issue(view), query.format, query) : view;
  }

  @Get('balances')
  @ApiOkResponse({ type: BalancesResponse })
  @Allow({ all: ['pilotage', 'auditeur'] })
  @ApiOperation({ summary: 'Soldes par financeur et équilibre du grand livre, à une date, tel que connu à un instant' })
  balances(@Query() query: PointInTimeQuery) {
    return this.queries.execute(new BalancesQuery({ at: pointInTime(query) }));
  }
}
