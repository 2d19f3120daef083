import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { fromDecimalString } from '@cvl/money';
import type { StatedFigure } from '../domain/events';
import type { BookingTrace } from '../domain/trace';
import { ActDto, IsEuroAmount, CODE, CODE_MESSAGE, IsNotBlank, toAct, TracedCommandDto } from '../http/trace.dto';
import type { RecordCommitment } from './record-commitment.decider';

export class AttributionDto {
  @ApiProperty({ example: 'Réhabilitation thermique — cité 12/14' })
  @IsString()
  @IsNotBlank({ message: 'libellé obligatoire' })
  @MaxLength(500)
  label!: string;

  @ApiPropertyOptional({ example: 'Maisons et Cités' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  projectOwner?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) programme?: string;
  @ApiPropertyOptional({ example: 'QP062024' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  quartier?: string;
  @ApiPropertyOptional({ example: 'CALL' }) @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) epci?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) stake?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) axis?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) objective?: string;
  @ApiPropertyOptional({
    example: 'rehabilitation-cite-12-14',
    description: 'l’opération du registre que l’engagement finance (ses plafonds de cofinancement s’appliquent)',
  })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  operation?: string;

  @ApiProperty({ example: 2016 })
  @IsInt({ message: 'année entière attendue' })
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 'Bassin Minier', description: 'échelle à laquelle le montant est énoncé' })
  @IsString()
  @IsNotBlank({ message: 'échelle obligatoire' })
  @MaxLength(100)
  scale!: string;
}

export class StatedRangeDto {
  @ApiPropertyOptional() @IsOptional() @IsEuroAmount() central?: string;
}

export class FormulaDto {
  @ApiProperty({
    enum: ['product', 'share'],
    description: 'product : coût unitaire × volume ; share : part d’une assiette',
  })
  @IsIn(['product', 'share'], { message: 'formule : product ou share' })
  kind!: 'product' | 'share';

  @ApiPropertyOptional({ example: '150000.00' })
  @ValidateIf((o: FormulaDto) => o.kind === 'product')
  @IsEuroAmount()
  unitAmount?: string;
  @ApiPropertyOptional({ example: 300 })
  @ValidateIf((o: FormulaDto) => o.kind === 'product')
  @IsInt()
  @Min(1)
  quantity?: number;
  @ApiPropertyOptional({ example: '1000000.00' })
  @ValidateIf((o: FormulaDto) => o.kind === 'share')
  @IsEuroAmount()
  baseAmount?: string;
  @ApiPropertyOptional({ example: 5000, description: 'taux en points de base (50 % = 5000)' })
  @ValidateIf((o: FormulaDto) => o.kind === 'share')
  @IsInt()
  @Min(0)
  @Max(10_000)
  rateBasisPoints?: number;
}

export class StatedDto {
  @ApiProperty({ example: 'Total arrondi 94M€' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  text!: string;

  @ApiPropertyOptional({
    type: FormulaDto,
    description: 'comment la source calcule le montant (« 150 000 € × 300 logements »)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => FormulaDto)
  formula?: FormulaDto;

  @ApiPropertyOptional({
    type: StatedRangeDto,
    description: 'la valeur centrale d’une fourchette, quand la source la donne',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatedRangeDto)
  range?: StatedRangeDto;
}

export class PlannedPaymentDto {
  @ApiProperty({ example: 2017 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ example: '500000.00' }) @IsEuroAmount() amount!: string;
}

/** The years a commitment covers — « 2017-2018 » stays a window — and what it plans to pay in each. */
export class ScheduleDto {
  @ApiProperty({ example: 2017 }) @IsInt() @Min(2000) @Max(2100) fromYear!: number;
  @ApiProperty({ example: 2018 }) @IsInt() @Min(2000) @Max(2100) toYear!: number;
  @ApiPropertyOptional({ type: [PlannedPaymentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlannedPaymentDto)
  planned?: PlannedPaymentDto[];
}

export class RecordCommitmentDto extends TracedCommandDto {
  @ApiProperty({ example: 'mc-bm-rehabilitation-2016' })
  @Matches(CODE, { message: CODE_MESSAGE })
  commitmentId!: string;

  @ApiProperty({ example: 'maisons-et-cites' })
  @Matches(CODE, { message: CODE_MESSAGE })
  funder!: string;

  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) envelopeId?: string;

  @ApiProperty({ enum: ['indicative', 'conditional', 'firm'] })
  @IsIn(['indicative', 'conditional', 'firm'], { message: 'statut : indicative, conditional ou firm' })
  status!: 'indicative' | 'conditional' | 'firm';

  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) conditionId?: string;

  @ApiPropertyOptional({ type: ActDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActDto)
  act?: ActDto;

  @ApiProperty({ example: '1700000.00' })
  @IsEuroAmount()
  amount!: string;

  @ApiPropertyOptional({
    description: 'montant tenu à une échelle plus large ou pour des partenaires non nommés, à ventiler',
  })
  @IsOptional()
  @IsBoolean()
  isPool?: boolean;

  @ApiProperty({ type: AttributionDto })
  @IsDefined({ message: 'attribution : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => AttributionDto)
  attribution!: AttributionDto;

  @ApiPropertyOptional({ type: StatedDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StatedDto)
  stated?: StatedDto;

  @ApiPropertyOptional({ type: ScheduleDto, description: 'échéancier : années couvertes et paiements prévus (CP)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;
}

function statedFrom(dto: StatedDto): StatedFigure {
  const formula = dto.formula;
  return {
    text: dto.text,
    ...(dto.range?.central ? { range: { min: '', max: '', central: dto.range.central } } : {}),
    ...(formula?.kind === 'product'
      ? {
          formula: {
            kind: 'product' as const,
            unitAmount: formula.unitAmount as string,
            quantity: formula.quantity as number,
          },
        }
      : {}),
    ...(formula?.kind === 'share'
      ? {
          formula: {
            kind: 'share' as const,
            baseAmount: formula.baseAmount as string,
            rateBasisPoints: formula.rateBasisPoints as number,
          },
        }
      : {}),
  };
}

/** What a recording's body asks, as the decider takes it: from its route, or from a change of a draft avenant. */
export function recordCommitmentOf(body: Omit<RecordCommitmentDto, 'trace'>, trace: BookingTrace): RecordCommitment {
  const act = toAct(body.act);
  return {
    commitmentId: body.commitmentId,
    funder: body.funder,
    ...(body.envelopeId ? { envelopeId: body.envelopeId } : {}),
    status: body.status,
    ...(body.conditionId ? { conditionId: body.conditionId } : {}),
    ...(act ? { act } : {}),
    amountCents: fromDecimalString(body.amount),
    isPool: body.isPool ?? false,
    attribution: { ...body.attribution },
    ...(body.stated ? { stated: statedFrom(body.stated) } : {}),
    ...(body.schedule
      ? {
          schedule: {
            fromYear: body.schedule.fromYear,
            toYear: body.schedule.toYear,
            planned: (body.schedule.planned ?? []).map((p) => ({
              year: p.year,
              amountCents: fromDecimalString(p.amount),
            })),
          },
        }
      : {}),
    trace,
  };
}
