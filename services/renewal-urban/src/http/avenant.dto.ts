import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ActDto, EffectDto } from '@cvl/platform';

/**
 * What a change to a protocol carries: its trace, and — once the protocol is signed — the avenant that decides it
 * (a party joining, an operation revised or withdrawn).
 */
export class AvenantStepDto {
  @ApiPropertyOptional({ type: ActDto, description: 'l’avenant, quand le protocole est déjà signé' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ActDto)
  act?: ActDto;
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}

/** The avenant of a step, as the deciders take it: only when one is given. */
export const avenantOf = (body: AvenantStepDto) =>
  body.act ? { act: { reference: body.act.reference, date: body.act.date } } : {};
