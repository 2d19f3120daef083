import { TrancheForecast } from '../http/responses';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { READS_FORECAST } from '../http/access';
import { ForecastDayDto } from './degagement-forecast.dto';
import { DegagementForecastQuery } from './degagement-forecast.query';

@ApiTags('enveloppe ITI')
@Controller('api/iti-feder/programmes')
export class DegagementForecastController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/degagement-forecast')
  @ApiOkResponse({ type: [TrancheForecast] })
  @Allow(READS_FORECAST)
  @ApiOperation({
    summary:
      'Prévision de dégagement (n+3) : par tranche annuelle, ce qui reste à payer, avant quand, ce qui est à risque',
  })
  forecast(@CurrentAccess() access: Access, @Param('id') id: string, @Query() query: ForecastDayDto) {
    return this.queries.execute(
      new DegagementForecastQuery(id, { access, today: query.today ?? new Date().toISOString().slice(0, 10) }),
    );
  }
}
