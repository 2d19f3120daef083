import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsEuroAmount, CODE, CODE_MESSAGE, TracedCommandDto } from '../http/trace.dto';
import { fromDecimalString } from '@cvl/money';
import { MAX_SPLIT_PARTS, type PoolPart } from './split-pool.decider';

export class PoolPartDto {
  @ApiProperty({ example: 'mc-bm-rehabilitation-2016-call' })
  @Matches(CODE, { message: CODE_MESSAGE })
  commitmentId!: string;
  @ApiProperty({ example: 'maisons-et-cites' }) @Matches(CODE, { message: CODE_MESSAGE }) funder!: string;
  @ApiProperty({ example: '3000000.00' }) @IsEuroAmount() amount!: string;
  @ApiPropertyOptional({ example: 'CALL' }) @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) epci?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) label?: string;
}

export class SplitPoolDto extends TracedCommandDto {
  @ApiProperty({ type: [PoolPartDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'au moins une part' })
  @ArrayMaxSize(MAX_SPLIT_PARTS)
  @ValidateNested({ each: true })
  @Type(() => PoolPartDto)
  parts!: PoolPartDto[];
}

/** The parts a split's body names, as the decider takes them: from its route, or from a draft avenant's change. */
export function poolPartsOf(parts: readonly PoolPartDto[]): PoolPart[] {
  return parts.map((part) => ({
    commitmentId: part.commitmentId,
    funder: part.funder,
    amountCents: fromDecimalString(part.amount),
    ...(part.epci ? { epci: part.epci } : {}),
    ...(part.label ? { label: part.label } : {}),
  }));
}
