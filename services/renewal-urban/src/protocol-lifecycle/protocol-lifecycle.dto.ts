import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { EffectDto, IsCalendarDate, IsNotBlank } from '@cvl/platform';

export class StepDto {
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}

export class CommitteeDto extends StepDto {
  @ApiProperty({ example: '2016-02-15', description: 'date du comité d’engagement de l’ANRU' })
  @IsCalendarDate()
  date!: string;
}

export class SignatureDto extends StepDto {
  @ApiProperty({ example: 'Protocole de préfiguration NPNRU de la CALL' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  reference!: string;
  @ApiProperty({ example: '2016-06-15' }) @IsCalendarDate() date!: string;
}
