import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { AMOUNT, AMOUNT_MESSAGE, TracedCommandDto } from '../http/trace.dto';

export class ReleaseCommitmentDto extends TracedCommandDto {
  @ApiPropertyOptional({ example: '25000.00', description: 'par défaut : tout le reste à payer' })
  @IsOptional()
  @Matches(AMOUNT, { message: AMOUNT_MESSAGE })
  amount?: string;
}
