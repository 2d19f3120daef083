import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { EffectDto, IsNotBlank } from '@cvl/platform';

export class ListNpnruQuartierDto {
  @ApiProperty({ example: 'QP062024' })
  @Matches(/^QP\d{6}$/, { message: 'code de quartier attendu, par ex. QP062024' })
  code!: string;
  @ApiProperty({ example: 'Cité 12-14' }) @IsString() @IsNotBlank() @MaxLength(200) name!: string;
  @ApiProperty({ enum: ['national', 'regional'] })
  @IsIn(['national', 'regional'], { message: 'intérêt : national ou regional' })
  interest!: 'national' | 'regional';
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}
