import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, Matches, ValidateNested } from 'class-validator';
import { AMOUNT, AMOUNT_MESSAGE, TraceDto } from '../http/trace.dto';

export class ReleaseCommitmentDto {
  @ApiPropertyOptional({ example: '25000.00', description: 'par défaut : tout le reste à payer' })
  @IsOptional()
  @Matches(AMOUNT, { message: AMOUNT_MESSAGE })
  amount?: string;

  @ApiProperty({ type: TraceDto })
  @ValidateNested()
  @Type(() => TraceDto)
  trace!: TraceDto;
}
