import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { ActDto, TracedCommandDto } from '../http/trace.dto';

export class ResolveConditionDto extends TracedCommandDto {
  @ApiProperty({ enum: ['met', 'failed'] })
  @IsIn(['met', 'failed'], { message: 'issue : met (remplie) ou failed (défaillie)' })
  outcome!: 'met' | 'failed';
  @ApiPropertyOptional({ type: ActDto }) @IsOptional() @ValidateNested() @Type(() => ActDto) act?: ActDto;
}
