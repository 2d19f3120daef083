import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { RequiredAct, type ActDto } from '@cvl/platform';
import { IsEuroAmount, TracedCommandDto } from '../http/trace.dto';

export class FirmCommitmentDto extends TracedCommandDto {
  @RequiredAct()
  act!: ActDto;

  @ApiPropertyOptional({
    example: '150000.00',
    description: 'le montant que l’acte engage (par défaut : le montant indicatif)',
  })
  @IsOptional()
  @IsEuroAmount()
  amount?: string;
}
