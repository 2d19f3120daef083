import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ActDto, EffectDto, IsCalendarDate, IsEuroAmount } from '@cvl/platform';

/** The avenant (once the protocol is signed) and the trace: what every change to an operation carries. */
export class OperationChangeDto {
  @ApiPropertyOptional({ type: ActDto, description: 'l’avenant, quand le protocole est déjà signé' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ActDto)
  act?: ActDto;
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}

/** Only what changes: the calendar, the eligible base excluding VAT. */
export class ReviseOperationDto extends OperationChangeDto {
  @ApiPropertyOptional({ example: '2016-09-01' }) @IsOptional() @IsCalendarDate() start?: string;
  @ApiPropertyOptional({ example: '2018-06-30' }) @IsOptional() @IsCalendarDate() end?: string;
  @ApiPropertyOptional({ example: '150000.00', description: 'nouvelle assiette HT ; le plan est alors à refaire' })
  @IsOptional()
  @IsEuroAmount()
  eligibleBase?: string;
}
