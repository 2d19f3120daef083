import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate, IsEuroAmount } from '@cvl/platform';
import { AvenantStepDto } from '../http/avenant.dto';

/** Only what changes: the calendar, the eligible base excluding VAT (by avenant once the protocol is signed). */
export class ReviseOperationDto extends AvenantStepDto {
  @ApiPropertyOptional({ example: '2016-09-01' }) @IsOptional() @IsCalendarDate() start?: string;
  @ApiPropertyOptional({ example: '2018-06-30' }) @IsOptional() @IsCalendarDate() end?: string;
  @ApiPropertyOptional({ example: '150000.00', description: 'nouvelle assiette HT ; le plan est alors à refaire' })
  @IsOptional()
  @IsEuroAmount()
  eligibleBase?: string;
}
