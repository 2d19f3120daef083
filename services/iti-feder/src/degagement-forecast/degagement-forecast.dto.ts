import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '@cvl/platform';

/** `?today=AAAA-MM-JJ`: the day the forecast is made for (today by default); anything else is a 400 naming it. */
export class ForecastDayDto {
  @ApiPropertyOptional({ example: '2018-06-30', description: 'jour de la prévision (aujourd’hui par défaut)' })
  @IsOptional()
  @IsCalendarDate()
  today?: string;
}
