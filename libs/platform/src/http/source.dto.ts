import type { Actor } from '../auth/principal';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { isIsoDate } from '@cvl/ledger';
import { formatEurosFr, fromDecimalString } from '@cvl/money';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const DATE_MESSAGE =
  'date attendue au format AAAA-MM-JJ, qui existe au calendrier (pas de 30 février), entre 1900 et 2199';

/** A date of the calendar, « AAAA-MM-JJ »: the form, then the day itself (no 2016-02-30, no 0000-00-00). */
export function isCalendarDate(value: unknown): value is string {
  return isIsoDate(value) && value >= '1900-01-01' && value <= '2199-12-31';
}

/** Text with something in it: « » or spaces alone are as empty as nothing (a blank act reference, a blank label). */
export const IsNotBlank = (options: { message?: string } = {}) =>
  ValidateBy({
    name: 'isNotBlank',
    validator: {
      validate: (value) => typeof value === 'string' && value.trim().length > 0,
      defaultMessage: (args) =>
        options.message ?? `${args?.property ?? 'texte'} : obligatoire, et pas seulement des espaces`,
    },
  });

/** The DTO decorator for a calendar date (replaces a bare pattern, which let impossible days through). */
export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: { validate: (value) => isCalendarDate(value), defaultMessage: () => DATE_MESSAGE },
  });
export const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
export const AMOUNT_MESSAGE = 'montant en euros, point décimal, au plus deux décimales, par ex. « 1700000.00 »';
/**
 * The largest amount one booking may carry: 10 000 000 000,00 € by default (ten times the NPNRU's whole national
 * programme for one contract would still fit), CVL_MAX_AMOUNT_EUROS to change it. « 9 999 999 999 999,99 € » is a
 * typing error, not a commitment.
 */
export const MAX_AMOUNT_CENTS = maxAmountCents(process.env.CVL_MAX_AMOUNT_EUROS);

function maxAmountCents(text: string | undefined): bigint {
  if (text === undefined || text.trim() === '') return 1_000_000_000_000n;
  if (!/^\d{1,13}$/.test(text.trim()))
    throw new Error(`Configuration : CVL_MAX_AMOUNT_EUROS — un nombre entier d’euros attendu, pas « ${text} »`);
  return BigInt(text.trim()) * 100n;
}

/** An amount in euros as the API takes it (« 1700000.00 »): the form, then the configured maximum. */
export const IsEuroAmount = () =>
  ValidateBy({
    name: 'isEuroAmount',
    validator: {
      validate: (value) =>
        typeof value === 'string' &&
        AMOUNT.test(value) &&
        fromDecimalString(value.includes('.') ? value : `${value}.00`) <= MAX_AMOUNT_CENTS,
      defaultMessage: (args) =>
        typeof args?.value === 'string' && AMOUNT.test(args.value)
          ? `montant au-delà du maximum d’une écriture (${formatEurosFr(MAX_AMOUNT_CENTS)}) : vérifiez la saisie`
          : AMOUNT_MESSAGE,
    },
  });

export const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const CODE_MESSAGE = 'identifiant : lettres, chiffres, « . », « _ » ou « - » (100 caractères au plus)';

/** Where a booking comes from: an act, or a document and its line. Shared by every service's commands. */
export class SourceDto {
  @ApiProperty({ enum: ['act', 'document'], description: 'un acte juridique, ou un document et sa ligne' })
  @IsIn(['act', 'document'], { message: 'nature de la source : « act » ou « document »' })
  kind!: 'act' | 'document';

  @ApiPropertyOptional({ example: 'Convention 2016-042' })
  @ValidateIf((o: SourceDto) => o.kind === 'act')
  @IsString()
  @IsNotBlank({ message: 'référence de l’acte obligatoire' })
  @MaxLength(300)
  reference?: string;

  @ApiPropertyOptional({ example: '2016-03-15' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ example: 'contrat-de-ville-lens-lievin-2015-2020' })
  @ValidateIf((o: SourceDto) => o.kind === 'document')
  @IsString()
  @IsNotBlank({ message: 'document obligatoire' })
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

/** A legal act: its reference and its date (an arrêté, a convention, a délibération). */
export class ActDto {
  @ApiProperty({ example: 'Arrêté préfectoral 2016-118' })
  @IsString()
  @IsNotBlank({ message: 'référence de l’acte obligatoire' })
  @MaxLength(300)
  reference!: string;

  @ApiProperty({ example: '2016-05-02' })
  @IsCalendarDate()
  date!: string;
}

/** The act a command cannot do without (a firm commitment, a grant agreement): required, and checked field by field. */
export const RequiredAct = () =>
  applyDecorators(
    ApiProperty({ type: ActDto }),
    IsDefined({ message: 'act : objet requis' }),
    IsObject(),
    ValidateNested(),
    Type(() => ActDto),
  );

/** When it takes effect and on what basis; the actor is never in a body: it is the authenticated principal. */
export class EffectDto {
  @ApiPropertyOptional({ example: 'Décision du comité de pilotage du 12 mai 2016' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  memo?: string;

  @ApiProperty({ example: '2016-03-15', description: 'date d’effet (AAAA-MM-JJ)' })
  @IsCalendarDate()
  effectiveDate!: string;

  @ApiProperty({ type: SourceDto })
  @IsDefined({ message: 'source : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;
}

export type SourceValue =
  | { kind: 'act'; reference: string; date?: string }
  | { kind: 'document'; document: string; line: number; section?: string };

export function sourceOf(dto: SourceDto): SourceValue {
  return dto.kind === 'act'
    ? { kind: 'act', reference: dto.reference as string, ...(dto.date ? { date: dto.date } : {}) }
    : {
        kind: 'document',
        document: dto.document as string,
        line: dto.line as number,
        ...(dto.section ? { section: dto.section } : {}),
      };
}

/** The trace of a command: its actor is the authenticated principal, its time now, the rest from the body. */
export function effectOf(dto: EffectDto, actor: Actor) {
  return {
    actor,
    effectiveDate: dto.effectiveDate,
    recordedAt: new Date().toISOString(),
    source: sourceOf(dto.source),
    ...(dto.memo ? { memo: dto.memo } : {}),
  };
}
