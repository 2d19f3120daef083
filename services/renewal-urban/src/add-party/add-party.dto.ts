import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { PartyDto } from '../draft-protocol/draft-protocol.dto';
import { AvenantStepDto } from '../http/avenant.dto';

export class AddPartyDto extends AvenantStepDto {
  @ApiProperty({ type: PartyDto })
  @IsDefined({ message: 'party : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => PartyDto)
  party!: PartyDto;
}
