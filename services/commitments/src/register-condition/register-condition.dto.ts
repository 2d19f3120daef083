import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { CODE, CODE_MESSAGE, IsNotBlank, TracedCommandDto } from '../http/trace.dto';

export class RegisterConditionDto extends TracedCommandDto {
  @ApiProperty({ example: 'tfpb-maisons-et-cites' }) @Matches(CODE, { message: CODE_MESSAGE }) conditionId!: string;
  @ApiProperty({ example: 'Éligibilité de Maisons et Cités à l’abattement de TFPB' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  label!: string;
  @ApiProperty() @IsString() @MaxLength(2000) description!: string;
}
