import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DeclareOperationDto } from '../declare-operation/declare-operation.dto';
import { ActDto, CODE, CODE_MESSAGE, IsCalendarDate, IsEuroAmount, IsNotBlank } from '../http/trace.dto';
import { CoFinancingRuleDto } from '../record-co-financing-rule/record-co-financing-rule.dto';
import { RecordCommitmentDto } from '../record-commitment/record-commitment.dto';
import { PoolPartDto } from '../split-pool/split-pool.dto';
import { MAX_SPLIT_PARTS } from '../split-pool/split-pool.decider';
import { CHANGE_ACTIONS, MAX_CHANGES, MAX_SHARED, type ChangeAction } from './avenant-draft';

const ACTIONS = Object.keys(CHANGE_ACTIONS) as ChangeAction[];
const is =
  (...actions: ChangeAction[]) =>
  (change: DraftChangeDto) =>
    actions.includes(change.action);

/** A recording's body without its trace: a draft's change takes its trace from the draft, then from the signed act. */
export class DraftCommitmentDto extends OmitType(RecordCommitmentDto, ['trace'] as const) {}
export class DraftOperationDto extends OmitType(DeclareOperationDto, ['trace'] as const) {}

/**
 * One change of a draft: what it does (`action`) and, for that action, the fields of the route that would book it
 * — the same names, the same checks. The trace is not given: the draft (then the signed act) is its source.
 */
export class DraftChangeDto {
  @ApiProperty({ enum: ACTIONS, description: ACTIONS.map((a) => `${a} : ${CHANGE_ACTIONS[a]}`).join(' ; ') })
  @IsIn(ACTIONS, { message: `action : ${ACTIONS.join(', ')}` })
  action!: ChangeAction;

  @ApiProperty({ example: '2018-01-01', description: 'date d’effet du changement une fois signé (AAAA-MM-JJ)' })
  @IsCalendarDate()
  effectiveDate!: string;

  @ApiPropertyOptional({ example: 'Clause de revoyure : coût de la démolition réévalué' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  memo?: string;

  @ApiPropertyOptional({
    example: 'pdch-fouquieres-demolition',
    description: 'modifier-montant, degager : l’engagement ; ventiler : l’enveloppe commune',
  })
  @ValidateIf(is('modifier-montant', 'degager', 'ventiler'))
  @Matches(CODE, { message: CODE_MESSAGE })
  commitmentId?: string;

  @ApiPropertyOptional({ enum: ['avenant', 'clause-de-revoyure'], description: 'modifier-montant' })
  @ValidateIf(is('modifier-montant'))
  @IsIn(['avenant', 'clause-de-revoyure'], { message: 'nature : avenant ou clause-de-revoyure' })
  kind?: 'avenant' | 'clause-de-revoyure';

  @ApiPropertyOptional({ example: '1900000.00', description: 'modifier-montant : le nouveau montant' })
  @ValidateIf(is('modifier-montant'))
  @IsEuroAmount()
  newAmount?: string;

  @ApiPropertyOptional({ example: '200000.00', description: 'degager : combien (tout ce qui reste, sans montant)' })
  @ValidateIf((change: DraftChangeDto) => change.action === 'degager' && change.amount !== undefined)
  @IsEuroAmount()
  amount?: string;

  @ApiPropertyOptional({ type: DraftCommitmentDto, description: 'inscrire-engagement : l’engagement' })
  @ValidateIf(is('inscrire-engagement'))
  @IsDefined({ message: 'commitment : objet requis pour inscrire un engagement' })
  @IsObject()
  @ValidateNested()
  @Type(() => DraftCommitmentDto)
  commitment?: DraftCommitmentDto;

  @ApiPropertyOptional({ type: [PoolPartDto], description: 'ventiler : les parts' })
  @ValidateIf(is('ventiler'))
  @IsArray()
  @ArrayMinSize(1, { message: 'au moins une part' })
  @ArrayMaxSize(MAX_SPLIT_PARTS)
  @ValidateNested({ each: true })
  @Type(() => PoolPartDto)
  parts?: PoolPartDto[];

  @ApiPropertyOptional({ type: DraftOperationDto, description: 'ajouter-operation : l’opération' })
  @ValidateIf(is('ajouter-operation'))
  @IsDefined({ message: 'operation : objet requis pour ajouter une opération' })
  @IsObject()
  @ValidateNested()
  @Type(() => DraftOperationDto)
  operation?: DraftOperationDto;

  @ApiPropertyOptional({ type: CoFinancingRuleDto, description: 'modifier-regle : la règle' })
  @ValidateIf(is('modifier-regle'))
  @IsDefined({ message: 'rule : objet requis pour modifier une règle' })
  @IsObject()
  @ValidateNested()
  @Type(() => CoFinancingRuleDto)
  rule?: CoFinancingRuleDto;
}

/** A draft's content: its title, what the signed act will be, its changes in order. */
export class DraftContentDto {
  @ApiProperty({ example: 'Clause de revoyure 2018 — démolitions de Pas-de-Calais Habitat' })
  @IsString()
  @IsNotBlank({ message: 'titre obligatoire' })
  @MaxLength(300)
  title!: string;

  @ApiProperty({ enum: ['avenant', 'clause-de-revoyure'] })
  @IsIn(['avenant', 'clause-de-revoyure'], { message: 'nature : avenant ou clause-de-revoyure' })
  kind!: 'avenant' | 'clause-de-revoyure';

  @ApiProperty({ type: [DraftChangeDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'au moins un changement' })
  @ArrayMaxSize(MAX_CHANGES)
  @ValidateNested({ each: true })
  @Type(() => DraftChangeDto)
  changes!: DraftChangeDto[];
}

/** A new draft: its identifier (chosen by who drafts it, so that a retried creation finds it) and its content. */
export class CreateDraftDto extends DraftContentDto {
  @ApiProperty({ example: 'revoyure-2018-pdch' })
  @Matches(CODE, { message: CODE_MESSAGE })
  draftId!: string;
}

export class ShareDraftDto {
  @ApiProperty({
    example: ['call', 'region'],
    description: 'les organisations qui lisent le projet (remplace la liste)',
  })
  @IsArray()
  @ArrayMaxSize(MAX_SHARED)
  @Matches(CODE, { each: true, message: CODE_MESSAGE })
  organisations!: string[];
}

export class SignDraftDto {
  @ApiProperty({ type: ActDto, description: 'l’avenant signé : sa référence et sa date' })
  @IsDefined({ message: 'act : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}

export class AbandonDraftDto {
  @ApiProperty({ example: 'Remplacé par le projet revoyure-2018-bis' })
  @IsString()
  @IsNotBlank({ message: 'motif obligatoire' })
  @MaxLength(2000)
  reason!: string;
}
