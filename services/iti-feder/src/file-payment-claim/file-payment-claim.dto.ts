import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { CODE, CODE_MESSAGE, IsEuroAmount } from '@cvl/platform';
import { StepDto } from '../http/dto';

export class ClaimDto extends StepDto {
  @ApiProperty({ example: 'demande-1' }) @Matches(CODE, { message: CODE_MESSAGE }) claimId!: string;
  @ApiProperty({ example: '1000000.00', description: 'état récapitulatif des dépenses' })
  @IsEuroAmount()
  expenses!: string;
  @ApiPropertyOptional({ description: 'demande de solde' }) @IsOptional() @IsBoolean() final?: boolean;
}
