import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ExportFormatQuery } from '@cvl/platform';
import { CODE, CODE_MESSAGE, IsCalendarDate } from '../http/trace.dto';
import { MAX_HORIZON_MONTHS } from './deadlines';

/** Whose deadlines, from when, how far ahead, in which format. */
export class DeadlinesQueryDto extends ExportFormatQuery {
  @ApiPropertyOptional({ example: 'region', description: 'les échéances d’un financeur (sinon : tout le contrat)' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  funder?: string;

  @ApiPropertyOptional({
    example: '2017-07-01',
    description: 'la date de référence (par défaut : aujourd’hui, à Paris)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({
    example: 12,
    minimum: 1,
    maximum: MAX_HORIZON_MONTHS,
    description: 'l’horizon en mois (12 par défaut)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `months : un nombre entier de mois, de 1 à ${MAX_HORIZON_MONTHS}` })
  @Min(1, { message: 'months : au moins 1 mois' })
  @Max(MAX_HORIZON_MONTHS, { message: `months : au plus ${MAX_HORIZON_MONTHS} mois` })
  months?: number;
}
