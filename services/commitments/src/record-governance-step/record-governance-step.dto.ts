import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { GOVERNANCE_KINDS, type GovernanceKind } from '../domain/events';
import { CODE, CODE_MESSAGE, IsCalendarDate, IsNotBlank, TracedCommandDto } from '../http/trace.dto';

export class WindowDto {
  @ApiProperty({ example: '2015-10-01' }) @IsCalendarDate() from!: string;
  @ApiProperty({ example: '2015-12-31' }) @IsCalendarDate() to!: string;
}

/** A dated step of the contract's governance, as the contract's team records it (the import records the document's). */
export class RecordGovernanceStepDto extends TracedCommandDto {
  @ApiProperty({ example: 'avenant-iti-2015' }) @Matches(CODE, { message: CODE_MESSAGE }) stepId!: string;
  @ApiProperty({ enum: GOVERNANCE_KINDS })
  @IsIn([...GOVERNANCE_KINDS], { message: `nature inconnue (attendu : ${GOVERNANCE_KINDS.join(', ')})` })
  kind!: GovernanceKind;
  @ApiProperty({ example: 'Avenant sur la mobilisation de l’ITI' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  label!: string;
  @ApiProperty({ type: WindowDto })
  @IsDefined({ message: 'période : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => WindowDto)
  window!: WindowDto;
  @ApiPropertyOptional({ enum: ['annuelle', 'semestrielle'] })
  @IsOptional()
  @IsIn(['annuelle', 'semestrielle'], { message: 'récurrence : annuelle ou semestrielle' })
  recurrence?: 'annuelle' | 'semestrielle';
  @ApiProperty({ enum: ['realise', 'prevu', 'attendu'] })
  @IsIn(['realise', 'prevu', 'attendu'], { message: 'statut : realise, prevu ou attendu' })
  status!: 'realise' | 'prevu' | 'attendu';
  @ApiProperty({ example: 'fixe la part de la CALL dans l’enveloppe de chaque axe' })
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  effect!: string;
  @ApiProperty({
    type: [String],
    example: ['region'],
    description: 'les financeurs concernés ; aucun : tout le contrat',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(CODE, { each: true, message: CODE_MESSAGE })
  funders!: string[];
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) conditionId?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(CODE, { each: true, message: CODE_MESSAGE })
  figureIds?: string[];
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) programme?: string;
}

export class TimelineFilterDto {
  @ApiPropertyOptional({ example: 'region', description: 'la chronologie d’un financeur (sinon : tout le contrat)' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  funder?: string;
}
