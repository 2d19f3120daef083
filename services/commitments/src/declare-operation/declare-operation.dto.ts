import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { fromDecimalString } from '@cvl/money';
import { OPERATION_NATURES } from '../domain/co-financing-rules';
import type { BookingTrace } from '../domain/trace';
import type { DeclareOperation } from './declare-operation.decider';
import { CODE, CODE_MESSAGE, IsCalendarDate, IsEuroAmount, IsNotBlank, TracedCommandDto } from '../http/trace.dto';

const QPV = /^QP\d{6}$/;
const NATURES: readonly string[] = OPERATION_NATURES;

export class OperationReferenceDto {
  @ApiProperty({
    example: 'agora',
    description: 'renewal-urban, iti-feder, agora (ANRU), synergie (FEDER), dauphin (P147), call-ap (CALL)…',
  })
  @Matches(/^[a-z][a-z0-9-]{0,39}$/, { message: 'système : lettres minuscules, chiffres et « - »' })
  system!: string;
  @ApiProperty({ example: 'NPNRU-62-LENS-001' }) @IsString() @IsNotBlank() @MaxLength(200) reference!: string;
}

/** An operation of the registry: one identity for the works, whichever programmes and funders finance them. */
export class DeclareOperationDto extends TracedCommandDto {
  @ApiProperty({ example: 'lens-grande-residence-rehabilitation' })
  @Matches(CODE, { message: CODE_MESSAGE })
  operationId!: string;
  @ApiProperty({ example: 'Réhabilitation thermique de la Grande Résidence' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  label!: string;
  @ApiProperty({ example: 'maisons-et-cites', description: 'le maître d’ouvrage, au référentiel des financeurs' })
  @Matches(CODE, { message: CODE_MESSAGE })
  projectOwner!: string;
  @ApiProperty({ type: [String], example: ['QP062024'] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(QPV, { each: true, message: 'code de quartier attendu (QP et six chiffres)' })
  quartiers!: string[];
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) stake?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) axis?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) objective?: string;
  @ApiPropertyOptional({
    example: 'rehabilitation',
    description: 'nature de l’opération (certains plafonds en dépendent)',
  })
  @IsOptional()
  @IsIn(NATURES, { message: `nature attendue parmi : ${NATURES.join(', ')}` })
  nature?: string;
  @ApiProperty({ example: '1000000.00', description: 'assiette éligible HT, en euros' })
  @IsEuroAmount()
  eligibleBase!: string;
  @ApiPropertyOptional({ example: '1200000.00', description: 'assiette TTC, quand la TVA n’est pas récupérable' })
  @IsOptional()
  @IsEuroAmount()
  eligibleBaseTtc?: string;
  @ApiPropertyOptional({ example: '2016-09-01' }) @IsOptional() @IsCalendarDate() start?: string;
  @ApiPropertyOptional({ example: '2018-12-31' }) @IsOptional() @IsCalendarDate() end?: string;
  @ApiPropertyOptional({ type: [OperationReferenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => OperationReferenceDto)
  references?: OperationReferenceDto[];
}

/** What a declaration's body asks, as the decider takes it: from its route, or from a draft avenant's change. */
export function declareOperationOf(body: Omit<DeclareOperationDto, 'trace'>, trace: BookingTrace): DeclareOperation {
  return {
    operationId: body.operationId,
    label: body.label,
    projectOwner: body.projectOwner,
    quartiers: body.quartiers,
    ...(body.stake ? { stake: body.stake } : {}),
    ...(body.axis ? { axis: body.axis } : {}),
    ...(body.objective ? { objective: body.objective } : {}),
    ...(body.nature ? { nature: body.nature } : {}),
    eligibleBaseCents: fromDecimalString(body.eligibleBase),
    ...(body.eligibleBaseTtc ? { eligibleBaseTtcCents: fromDecimalString(body.eligibleBaseTtc) } : {}),
    ...(body.start ? { start: body.start } : {}),
    ...(body.end ? { end: body.end } : {}),
    references: body.references ?? [],
    trace,
  };
}
