import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ActDto, EffectDto } from '@cvl/platform';
import { PartyDto } from '../draft-protocol/draft-protocol.dto';

export class AddPartyDto {
  @ApiProperty({ type: PartyDto })
  @IsDefined({ message: 'party : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => PartyDto)
  party!: PartyDto;
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
