import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CODE, CODE_MESSAGE, TracedCommandDto } from '../http/trace.dto';

export class MakeConditionalDto extends TracedCommandDto {
  @ApiProperty({ example: 'tfpb-maisons-et-cites' })
  @Matches(CODE, { message: CODE_MESSAGE })
  conditionId!: string;
}
