import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsEuroAmount, IsNotBlank } from '@cvl/platform';
import { ActDto, StepDto } from '../http/dto';

export class AxisDto {
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(4) axis!: number;
  @ApiProperty() @IsString() @IsNotBlank() @MaxLength(300) label!: string;
  @ApiProperty({ example: '36000000.00' }) @IsEuroAmount() amount!: string;
  @ApiPropertyOptional({ description: 'part de la CALL fixée par avenant' })
  @IsOptional()
  @IsEuroAmount()
  callShare?: string;
  @ApiPropertyOptional({ example: ['4c'] }) @IsOptional() @IsArray() @IsString({ each: true }) priorities?: string[];
}

export class SetEnvelopeDto extends StepDto {
  @ApiProperty({ type: [AxisDto] })
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => AxisDto)
  axes!: AxisDto[];
  @ApiPropertyOptional({ type: ActDto }) @IsOptional() @ValidateNested() @Type(() => ActDto) act?: ActDto;
}
