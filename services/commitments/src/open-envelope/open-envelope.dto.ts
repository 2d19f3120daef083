import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsEuroAmount, CODE, CODE_MESSAGE, IsNotBlank, TracedCommandDto } from '../http/trace.dto';

export class OpenEnvelopeDto extends TracedCommandDto {
  @ApiProperty({ example: 'iti-feder-axe-3' }) @Matches(CODE, { message: CODE_MESSAGE }) envelopeId!: string;
  @ApiProperty({ example: 'region' }) @Matches(CODE, { message: CODE_MESSAGE }) funder!: string;
  @ApiProperty({ example: 'ITI — axe 3' }) @IsString() @IsNotBlank() @MaxLength(300) label!: string;
  @ApiProperty({ example: '36000000.00' }) @IsEuroAmount() amount!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) programme?: string;
  @ApiPropertyOptional({ example: 2016 }) @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number;
}
