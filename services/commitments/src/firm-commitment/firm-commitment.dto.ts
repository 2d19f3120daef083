import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ActDto, IsEuroAmount, TracedCommandDto } from '../http/trace.dto';

export class FirmCommitmentDto extends TracedCommandDto {
  @ApiProperty({ type: ActDto })
  @IsDefined({ message: 'act : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;

  @ApiPropertyOptional({
    example: '150000.00',
    description: 'le montant que l’acte engage (par défaut : le montant indicatif)',
  })
  @IsOptional()
  @IsEuroAmount()
  amount?: string;
}
