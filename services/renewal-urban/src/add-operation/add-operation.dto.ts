import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsEuroAmount, CODE, CODE_MESSAGE, EffectDto, IsCalendarDate, IsNotBlank } from '@cvl/platform';
import { OPERATION_NATURES, type OperationNature } from '../domain/rules';

export class AddOperationDto {
  @ApiProperty({ example: 'etude-urbaine' }) @Matches(CODE, { message: CODE_MESSAGE }) operationId!: string;
  @ApiProperty({ example: 'Étude urbaine des trois quartiers' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  label!: string;
  @ApiProperty({ enum: OPERATION_NATURES })
  @IsIn(OPERATION_NATURES, { message: `nature : ${OPERATION_NATURES.join(', ')}` })
  nature!: OperationNature;
  @ApiProperty({ example: 'call' }) @Matches(CODE, { message: CODE_MESSAGE }) projectOwner!: string;
  @ApiProperty({ example: 'QP062024' })
  @Matches(/^QP\d{6}$/, { message: 'code de quartier attendu, par ex. QP062024' })
  quartier!: string;
  @ApiProperty({ example: '300000.00', description: 'assiette subventionnable HT' })
  @IsEuroAmount()
  eligibleBase!: string;
  @ApiProperty({ example: '2016-03-01' }) @IsCalendarDate() start!: string;
  @ApiProperty({ example: '2016-12-31' }) @IsCalendarDate() end!: string;
  @ApiProperty({ example: '2016-03-01', description: 'date à partir de laquelle les coûts sont engagés' })
  @IsCalendarDate()
  costsFrom!: string;
  @ApiPropertyOptional({ description: 'achetée par le groupement de commandes' })
  @IsOptional()
  @IsBoolean()
  boughtByGroup?: boolean;
  @ApiPropertyOptional({
    example: 'lens-grande-residence-rehabilitation',
    description:
      'l’opération du registre des engagements, quand ces travaux y sont déjà (un autre programme les finance) : leurs aides comptent ensemble',
  })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  registryOperation?: string;
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}
