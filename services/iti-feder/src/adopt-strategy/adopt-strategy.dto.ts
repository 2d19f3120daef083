import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsInt } from 'class-validator';
import { StepDto } from '../http/dto';

export class StrategyDto extends StepDto {
  @ApiProperty({ example: [3, 4], type: 'integer', isArray: true }) @IsArray() @IsInt({ each: true }) axes!: number[];
}
