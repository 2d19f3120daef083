import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CODE, CODE_MESSAGE, EffectDto, IsNotBlank } from '@cvl/platform';

export class QuartierDto {
  @ApiProperty({ example: 'QP062024' })
  @Matches(/^QP\d{6}$/, { message: 'code de quartier attendu, par ex. QP062024' })
  code!: string;
  @ApiProperty({ enum: ['national', 'regional'] })
  @IsIn(['national', 'regional'], { message: 'intérêt : national ou regional' })
  interest!: 'national' | 'regional';
  @ApiPropertyOptional({ example: 'Cité 12-14', description: 'le nom que lisent les personnes' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class PartyDto {
  @ApiProperty({ example: 'ville-lens' }) @Matches(CODE, { message: CODE_MESSAGE }) code!: string;
  @ApiProperty({ example: 'membre du groupement de commandes' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  role!: string;
  @ApiPropertyOptional({ example: 'Ville de Lens', description: 'le nom que lisent les personnes' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class DraftProtocolDto {
  @ApiProperty({ example: 'npnru-call' }) @Matches(CODE, { message: CODE_MESSAGE }) protocolId!: string;
  @ApiProperty({ example: 'Protocole de préfiguration NPNRU de la CALL' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  label!: string;
  @ApiProperty({ type: [QuartierDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuartierDto)
  quartiers!: QuartierDto[];
  @ApiProperty({ type: [PartyDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PartyDto)
  parties!: PartyDto[];
  @ApiPropertyOptional({
    example: 'cadre-de-vie-renouvellement-urbain',
    description: 'l’enjeu du contrat de ville que finance le protocole (les inscriptions au registre le portent)',
  })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  stake?: string;
  @ApiPropertyOptional({ description: 'l’objectif opérationnel du contrat de ville' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  objective?: string;
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}

export class MemberDto {
  @ApiProperty({ example: 'ville-avion' }) @Matches(CODE, { message: CODE_MESSAGE }) code!: string;
  @ApiPropertyOptional({
    example: 20,
    description: 'poids dans la clé de répartition ; omis pour tous les membres tant que la clé est à définir',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  weight?: number;
}

export class FormPurchasingGroupDto {
  @ApiProperty({ type: [MemberDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members!: MemberDto[];
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}
