import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@cvl/platform';
import { DOCUMENT_FIGURE_ROLES, type DocumentFigureRole } from '../domain/events';
import { CODE, CODE_MESSAGE, IsEuroAmount, IsNotBlank, TracedCommandDto } from '../http/trace.dto';

const FIGURE_ROLES = [...DOCUMENT_FIGURE_ROLES];
const ROLE_MESSAGE = `rôle inconnu (attendu : ${FIGURE_ROLES.join(', ')})`;

export class FigureRangeDto {
  @ApiProperty({ example: '500000.00' }) @IsEuroAmount() min!: string;
  @ApiProperty({ example: '1000000.00' }) @IsEuroAmount() max!: string;
  @ApiPropertyOptional({ example: '750000.00' }) @IsOptional() @IsEuroAmount() central?: string;
}

export class FigureFormulaDto {
  @ApiProperty({ example: '150000.00' }) @IsEuroAmount() unitAmount!: string;
  @ApiProperty({ example: 750 }) @IsInt() @Min(1) @Max(10_000_000) quantity!: number;
}

export class PeriodDto {
  @ApiProperty({ example: 2015 }) @IsInt() @Min(1990) @Max(2100) fromYear!: number;
  @ApiProperty({ example: 2020 }) @IsInt() @Min(1990) @Max(2100) toYear!: number;
}

/** A money line of the source document, as the contract's team reads it (the import records every line so). */
export class RecordDocumentFigureDto extends TracedCommandDto {
  @ApiProperty({ example: 'mc-total-arrondi' }) @Matches(CODE, { message: CODE_MESSAGE }) figureId!: string;
  @ApiProperty({ enum: FIGURE_ROLES })
  @IsIn(FIGURE_ROLES, { message: ROLE_MESSAGE })
  role!: DocumentFigureRole;
  @ApiProperty({ example: '259M€' }) @IsString() @IsNotBlank() @MaxLength(300) text!: string;
  @ApiPropertyOptional({ example: 'total arrondi' }) @IsOptional() @IsString() @MaxLength(500) wording?: string;
  @ApiPropertyOptional({ example: '259000000.00' }) @IsOptional() @IsEuroAmount() amount?: string;
  @ApiPropertyOptional({ type: FigureRangeDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FigureRangeDto)
  range?: FigureRangeDto;
  @ApiPropertyOptional({ type: FigureFormulaDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FigureFormulaDto)
  formula?: FigureFormulaDto;
  @ApiPropertyOptional({ example: 4000, description: 'le nombre d’unités que la ligne énonce (« 4 000 logements »)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  count?: number;
  @ApiPropertyOptional({ type: [String], description: 'les montants qu’additionne ce total' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(CODE, { each: true, message: CODE_MESSAGE })
  parts?: string[];
  @ApiPropertyOptional({ enum: ['M€', 'k€', '€'] })
  @IsOptional()
  @IsIn(['M€', 'k€', '€'], { message: 'arrondi : M€, k€ ou €' })
  rounding?: 'M€' | 'k€' | '€';
  @ApiProperty({ example: 'Bassin Minier' }) @IsString() @IsNotBlank() @MaxLength(100) scale!: string;
  @ApiProperty({ type: PeriodDto })
  @IsDefined({ message: 'période : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => PeriodDto)
  period!: PeriodDto;
  @ApiPropertyOptional({ example: 'region' }) @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) funder?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) beneficiary?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) quartier?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) operation?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) commitmentId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) envelopeId?: string;
}

export class DocumentFiguresFilterDto extends PageQuery {
  @ApiPropertyOptional({ example: 5465, description: 'la ligne du document' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'ligne : un entier' })
  @Min(1)
  @Max(1_000_000)
  line?: number;
  @ApiPropertyOptional({ enum: FIGURE_ROLES })
  @IsOptional()
  @IsIn(FIGURE_ROLES, { message: ROLE_MESSAGE })
  role?: DocumentFigureRole;
  @ApiPropertyOptional({ example: 'maisons-et-cites' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  funder?: string;
}
