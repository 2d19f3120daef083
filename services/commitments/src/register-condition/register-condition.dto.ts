import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { CODE, CODE_MESSAGE, TracedCommandDto } from '../http/trace.dto';

export class RegisterConditionDto extends TracedCommandDto {
  @ApiProperty({ example: 'tfpb-maisons-et-cites' }) @Matches(CODE, { message: CODE_MESSAGE }) conditionId!: string;
  @ApiProperty({ example: 'Éligibilité de Maisons et Cités à l’abattement de TFPB' }) @IsString() @IsNotEmpty() @MaxLength(300) label!: string;
  @ApiProperty() @IsString() @MaxLength(2000) description!: string;
}
