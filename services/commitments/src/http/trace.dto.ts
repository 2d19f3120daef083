import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { currentActor } from '@cvl/platform';
import { REASONS, type BookingTrace, type LegalAct } from '../domain/trace';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE = 'date attendue au format AAAA-MM-JJ';
export const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
export const AMOUNT_MESSAGE = 'montant en euros, point décimal, au plus deux décimales, par ex. « 1700000.00 »';
export const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const CODE_MESSAGE = 'identifiant : lettres, chiffres, « . », « _ » ou « - » (100 caractères au plus)';

export class SourceDto {
  @ApiProperty({ enum: ['act', 'document'], description: 'un acte juridique, ou un document et sa ligne' })
  @IsIn(['act', 'document'], { message: 'nature de la source : « act » ou « document »' })
  kind!: 'act' | 'document';

  @ApiPropertyOptional({ example: 'Convention 2016-042' })
  @ValidateIf((o: SourceDto) => o.kind === 'act')
  @IsString()
  @IsNotEmpty({ message: 'référence de l’acte obligatoire' })
  @MaxLength(300)
  reference?: string;

  @ApiPropertyOptional({ example: '2016-03-15' })
  @IsOptional()
  @Matches(ISO_DATE, { message: DATE_MESSAGE })
  date?: string;

  @ApiPropertyOptional({ example: 'contrat-de-ville-lens-lievin-2015-2020' })
  @ValidateIf((o: SourceDto) => o.kind === 'document')
  @IsString()
  @IsNotEmpty({ message: 'document obligatoire' })
  @MaxLength(300)
  document?: string;

  @ApiPropertyOptional({ example: 5465 })
  @ValidateIf((o: SourceDto) => o.kind === 'document')
  @IsInt({ message: 'numéro de ligne entier attendu' })
  @Min(1)
  line?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  section?: string;
}

/** Why, from when, on what basis. The actor is never in the body: it is the authenticated principal. */
export class TraceDto {
  @ApiProperty({ enum: Object.keys(REASONS), example: 'engagement-juridique' })
  @IsIn(Object.keys(REASONS), { message: `motif inconnu (attendu : ${Object.keys(REASONS).join(', ')})` })
  reasonCode!: string;

  @ApiPropertyOptional({ example: 'Décision du comité de pilotage du 12 mai 2016' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  memo?: string;

  @ApiProperty({ example: '2016-03-15', description: 'date d’effet (AAAA-MM-JJ)' })
  @Matches(ISO_DATE, { message: DATE_MESSAGE })
  effectiveDate!: string;

  @ApiProperty({ type: SourceDto })
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;
}

export class ActDto {
  @ApiProperty({ example: 'Arrêté préfectoral 2016-118' })
  @IsString()
  @IsNotEmpty({ message: 'référence de l’acte obligatoire' })
  @MaxLength(300)
  reference!: string;

  @ApiProperty({ example: '2016-05-02' })
  @Matches(ISO_DATE, { message: DATE_MESSAGE })
  date!: string;
}

export function toTrace(dto: TraceDto): BookingTrace {
  const source =
    dto.source.kind === 'act'
      ? { kind: 'act' as const, reference: dto.source.reference as string, ...(dto.source.date ? { date: dto.source.date } : {}) }
      : { kind: 'document' as const, document: dto.source.document as string, line: dto.source.line as number, ...(dto.source.section ? { section: dto.source.section } : {}) };
  return {
    actor: currentActor(),
    reasonCode: dto.reasonCode,
    ...(dto.memo ? { memo: dto.memo } : {}),
    effectiveDate: dto.effectiveDate,
    recordedAt: new Date().toISOString(),
    source,
  };
}

export function toAct(dto: ActDto | undefined): LegalAct | undefined {
  return dto ? { reference: dto.reference, date: dto.date } : undefined;
}

/** Every command carries its trace: the DTOs extend this. */
export class TracedCommandDto {
  @ApiProperty({ type: TraceDto })
  @ValidateNested()
  @Type(() => TraceDto)
  trace!: TraceDto;
}
