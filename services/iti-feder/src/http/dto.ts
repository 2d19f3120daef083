import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
import { IsEuroAmount, CODE, CODE_MESSAGE, EffectDto, IsCalendarDate, IsNotBlank } from '@cvl/platform';

export class StepDto {
  @ApiProperty({ type: EffectDto })
  @IsDefined({ message: 'trace : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => EffectDto)
  trace!: EffectDto;
}

export class ActDto {
  @ApiProperty() @IsString() @IsNotBlank() @MaxLength(300) reference!: string;
  @ApiProperty({ example: '2016-07-01' }) @IsCalendarDate() date!: string;
}

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

export class StrategyDto extends StepDto {
  @ApiProperty({ example: [3, 4] }) @IsArray() @IsInt({ each: true }) axes!: number[];
}

export class CoFunderDto {
  @ApiProperty({ example: 'region' }) @Matches(CODE, { message: CODE_MESSAGE }) funder!: string;
  @ApiProperty({ example: '400000.00' }) @IsEuroAmount() amount!: string;
}

export class DwellingDto {
  @ApiProperty({ example: 'L1' }) @IsString() @IsNotBlank() @MaxLength(100) id!: string;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D', 'E', 'F', 'G'] })
  @IsIn(['A', 'B', 'C', 'D', 'E', 'F', 'G'], { message: 'classe énergétique A à G' })
  classBefore!: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';
  @ApiProperty({ example: 95, description: 'consommation après travaux, kWh/m²/an' })
  @IsInt({ message: 'entier de kWh/m²/an attendu' })
  @Min(0)
  consumptionAfter!: number;
}

export class ApplicationDto extends StepDto {
  @ApiProperty() @Matches(CODE, { message: CODE_MESSAGE }) operationId!: string;
  @ApiProperty() @IsString() @IsNotBlank() @MaxLength(300) label!: string;
  @ApiProperty({ example: 'maisons-et-cites' }) @Matches(CODE, { message: CODE_MESSAGE }) beneficiary!: string;
  @ApiProperty({ example: 'QP062024' })
  @Matches(/^QP\d{6}$/, { message: 'code de quartier attendu, par ex. QP062024' })
  quartier!: string;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(4) axis!: number;
  @ApiProperty({ example: '4c' }) @IsString() @IsNotBlank() priority!: string;
  @ApiProperty({ example: '2000000.00' }) @IsEuroAmount() eligibleCost!: string;
  @ApiProperty({ example: '800000.00' }) @IsEuroAmount() feder!: string;
  @ApiProperty({ type: [CoFunderDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CoFunderDto)
  coFunders!: CoFunderDto[];
  @ApiPropertyOptional({ type: [DwellingDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => DwellingDto)
  dwellings?: DwellingDto[];
  @ApiProperty({ example: 2016, description: 'tranche annuelle (règle n+3)' })
  @IsInt()
  @Min(2014)
  @Max(2023)
  tranche!: number;
}

export class ProgrammingDto extends StepDto {
  @ApiProperty({ example: '2016-06-15', description: 'date du comité de programmation' })
  @IsCalendarDate()
  committeeDate!: string;
}

export class AgreementDto extends StepDto {
  @ApiProperty({ type: ActDto })
  @IsDefined({ message: 'act : objet requis' })
  @IsObject()
  @ValidateNested()
  @Type(() => ActDto)
  act!: ActDto;
}

export class ClaimDto extends StepDto {
  @ApiProperty({ example: 'demande-1' }) @Matches(CODE, { message: CODE_MESSAGE }) claimId!: string;
  @ApiProperty({ example: '1000000.00', description: 'état récapitulatif des dépenses' })
  @IsEuroAmount()
  expenses!: string;
  @ApiPropertyOptional({ description: 'demande de solde' }) @IsOptional() @IsBoolean() final?: boolean;
}

export class ServiceDoneDto extends StepDto {
  @ApiProperty({ example: '900000.00', description: 'dépenses retenues au contrôle de service fait' })
  @IsEuroAmount()
  acceptedExpenses!: string;
}
