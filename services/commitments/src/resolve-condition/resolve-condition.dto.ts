import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, ValidateNested } from 'class-validator';
import { ActDto, TraceDto } from '../http/trace.dto';

export class ResolveConditionDto {
  @ApiProperty({ enum: ['met', 'failed'] }) @IsIn(['met', 'failed'], { message: 'issue : met (remplie) ou failed (défaillie)' }) outcome!: 'met' | 'failed';
  @ApiPropertyOptional({ type: ActDto }) @IsOptional() @ValidateNested() @Type(() => ActDto) act?: ActDto;
  @ApiProperty({ type: TraceDto }) @ValidateNested() @Type(() => TraceDto) trace!: TraceDto;
}
