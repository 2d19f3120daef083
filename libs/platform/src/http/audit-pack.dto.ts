import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CODE, CODE_MESSAGE } from './source.dto';

/** A day (the end of it, Paris time) or an ISO 8601 instant; undefined when it is neither. */
export function parseAsOf(text: string): Date | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const noon = new Date(`${text}T12:00:00Z`);
    if (Number.isNaN(noon.getTime()) || noon.toISOString().slice(0, 10) !== text) return undefined;
    const offset =
      /GMT([+-]\d{2}:\d{2})/.exec(
        new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).format(noon),
      )?.[1] ?? '+01:00';
    return new Date(`${text}T23:59:59.999${offset}`);
  }
  const instant = new Date(text);
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(instant.getTime()) ? instant : undefined;
}

export class AuditPackQuery {
  @ApiPropertyOptional({ example: 'maisons-et-cites', description: 'les seuls événements de ce financeur' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  funder?: string;

  @ApiPropertyOptional({
    example: '2020-12-31',
    description: 'la dernière tête signée à cette date (fin de journée, heure de Paris) ou à cet instant',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T[0-9:.+Z-]{2,40})?$/, {
    message: 'asOf : une date (2020-12-31) ou un instant ISO 8601',
  })
  asOf?: string;
}
