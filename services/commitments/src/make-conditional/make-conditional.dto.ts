import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Matches, ValidateNested } from 'class-validator';
import { CODE, CODE_MESSAGE, TraceDto } from '../http/trace.dto';

export class MakeConditionalDto {
  @ApiProperty({ example: 'tfpb-maisons-et-cites' })
  @Matches(CODE, { message: CODE_MESSAGE })
  conditionId!: string;

  @ApiProperty({ type: TraceDto })
  @ValidateNested()
  @Type(() => TraceDto)
  trace!: TraceDto;
}
