import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsEuroAmount, TracedCommandDto } from '../http/trace.dto';

export class ReleaseCommitmentDto extends TracedCommandDto {
  @ApiPropertyOptional({ example: '25000.00', description: 'par défaut : tout le reste à payer' })
  @IsOptional()
  @IsEuroAmount()
  amount?: string;
}
