import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CODE, CODE_MESSAGE, ExportFormatQuery } from '@cvl/platform';
import { OPERATION_SOURCES as SOURCES } from '../projection/programme-projection';

export const OPERATION_SOURCES: readonly string[] = SOURCES;
export const SOURCE_MESSAGE = `source attendue parmi : ${OPERATION_SOURCES.join(', ')} (« registre » : les opérations que seul le registre suit)`;

/** `?source=&programme=&quartier=&funder=&format=`: which operations' cards. */
export class OperationsFilterDto extends ExportFormatQuery {
  @ApiPropertyOptional({ enum: OPERATION_SOURCES })
  @IsOptional()
  @IsIn(OPERATION_SOURCES, { message: SOURCE_MESSAGE })
  source?: string;
  @ApiPropertyOptional({ description: 'protocole NPNRU ou programme ITI' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  programme?: string;
  @ApiPropertyOptional({ example: 'QP062024' })
  @IsOptional()
  @Matches(/^QP\d{6}$/, { message: 'code de quartier attendu (QP et six chiffres)' })
  quartier?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) funder?: string;
}
