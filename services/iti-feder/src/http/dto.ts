import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { EffectDto } from '@cvl/platform';

export { ActDto } from '@cvl/platform';

/** What every command's body carries: its trace (effective date, reason, source). */
export class StepDto {
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}
