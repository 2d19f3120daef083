import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { CoFinancingRule } from '../domain/co-financing-rules';
import { CODE, CODE_MESSAGE, IsCalendarDate, IsNotBlank, TracedCommandDto } from '../http/trace.dto';

export class RuleConditionsDto {
  @ApiPropertyOptional({
    type: [String],
    example: ['state'],
    description: 'un financeur de l’opération est de ces catégories',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  anyFunderCategory?: string[];
  @ApiPropertyOptional({
    type: [String],
    example: ['commune', 'epci'],
    description: 'le maître d’ouvrage est de ces catégories',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  ownerCategory?: string[];
  @ApiPropertyOptional({ type: [String], example: ['etude'], description: 'l’opération est de ces natures' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  natures?: string[];
}

export class CoFinancingRuleDto {
  @ApiProperty({ example: 'region-plafond-40' }) @Matches(CODE, { message: CODE_MESSAGE }) id!: string;
  @ApiProperty({ example: '2017-01-01' }) @IsCalendarDate() from!: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() to?: string;
  @ApiProperty({ example: 'Région : au plus 40 % de la dépense éligible' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  label!: string;
  @ApiProperty({ example: 'délibération du conseil régional n° 2016-1234' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  source!: string;
  @ApiProperty({ enum: ['all-aid', 'public-aid', 'funder'] })
  @IsIn(['all-aid', 'public-aid', 'funder'], { message: 'bounds : all-aid, public-aid ou funder' })
  bounds!: 'all-aid' | 'public-aid' | 'funder';
  @ApiPropertyOptional({ example: 'region' }) @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) funder?: string;
  @ApiProperty({ example: 4000, description: 'points de base de l’assiette HT (4000 = 40 %)' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  maxRateBasisPoints!: number;
  @ApiPropertyOptional({ type: RuleConditionsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RuleConditionsDto)
  when?: RuleConditionsDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) exceptions?: string;
}

export class RecordCoFinancingRuleDto extends TracedCommandDto {
  @ApiProperty({ type: CoFinancingRuleDto })
  @IsDefined({ message: 'rule : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => CoFinancingRuleDto)
  rule!: CoFinancingRuleDto;
}

/** A rule's body as the ledger keeps it: from its route, or from a draft avenant's change. */
export function coFinancingRuleOf(dto: CoFinancingRuleDto): CoFinancingRule {
  const { when, ...rule } = dto;
  return { ...rule, ...(when ? { when: { ...when } } : {}) };
}
