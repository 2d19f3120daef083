import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { EffectDto, IsCalendarDate, IsNotBlank } from '@cvl/platform';

/** What every command's body carries: its trace (effective date, reason, source). */
export class StepDto {
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}

export class ActDto {
  @ApiProperty() @IsString() @IsNotBlank() @MaxLength(300) reference!: string;
  @ApiProperty({ example: '2016-07-01' }) @IsCalendarDate() date!: string;
}
