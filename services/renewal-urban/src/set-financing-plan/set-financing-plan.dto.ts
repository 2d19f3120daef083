import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { IsEuroAmount, CODE, CODE_MESSAGE, EffectDto } from '@cvl/platform';

export class PlanLineDto {
  @ApiProperty({ example: 'anru' }) @Matches(CODE, { message: CODE_MESSAGE }) funder!: string;
  @ApiProperty({ example: '150000.00' }) @IsEuroAmount() amount!: string;
}

export class SetFinancingPlanDto {
  @ApiProperty({ type: [PlanLineDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanLineDto)
  lines!: PlanLineDto[];
  @ApiPropertyOptional({
    example: '150000.00',
    description: 'part payée par les membres du groupement de commandes, répartie selon la clé',
  })
  @IsOptional()
  @IsEuroAmount()
  groupShare?: string;
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}
