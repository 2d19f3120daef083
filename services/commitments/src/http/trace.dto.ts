import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, ValidateNested } from 'class-validator';
import { currentActor, EffectDto, sourceOf, type ActDto } from '@cvl/platform';
import { REASONS, type BookingTrace, type LegalAct } from '../domain/trace';

export {
  ActDto,
  AMOUNT,
  AMOUNT_MESSAGE,
  CODE,
  CODE_MESSAGE,
  DATE_MESSAGE,
  IsCalendarDate,
  IsEuroAmount,
  IsNotBlank,
  ISO_DATE,
} from '@cvl/platform';

/** Why, from when, on what basis. The actor is never in the body: it is the authenticated principal. */
export class TraceDto extends EffectDto {
  @ApiProperty({ enum: Object.keys(REASONS), example: 'engagement-juridique' })
  @IsIn(Object.keys(REASONS), { message: `motif inconnu (attendu : ${Object.keys(REASONS).join(', ')})` })
  reasonCode!: string;
}

export function toTrace(dto: TraceDto): BookingTrace {
  const source = sourceOf(dto.source);
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
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => TraceDto)
  trace!: TraceDto;
}
