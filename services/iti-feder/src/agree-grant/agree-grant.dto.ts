import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { ActDto, StepDto } from '../http/dto';

export class AgreementDto extends StepDto {
  @ApiProperty({ type: ActDto })
  @IsDefined({ message: 'act : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}
