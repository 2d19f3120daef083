import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { ProgrammeQuery, ProgrammeQueryHandler } from '../application/programme-use-case';
import type { Programme } from '../domain/state';
import { degagementForecast } from './degagement-forecast';

type Forecast = ReturnType<typeof degagementForecast>;

export class DegagementForecastQuery extends ProgrammeQuery<
  'degagement-forecast',
  { access: Access; today: string },
  Forecast
> {
  readonly type = 'degagement-forecast';
}

/** The n+3 rule's forecast on the programme as it stands, on the day asked. */
@QueryHandler(DegagementForecastQuery)
export class DegagementForecastQueryHandler extends ProgrammeQueryHandler<DegagementForecastQuery, Forecast> {
  protected read({ today }: DegagementForecastQuery['params'], programme: Programme): Forecast {
    return degagementForecast(programme, today);
  }
}
