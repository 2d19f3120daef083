import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CODE, CODE_MESSAGE, IsEuroAmount, IsNotBlank } from '@cvl/platform';
import { StepDto } from '../http/dto';

export class CoFunderDto {
  @ApiProperty({ example: 'region' }) @Matches(CODE, { message: CODE_MESSAGE }) funder!: string;
  @ApiProperty({ example: '400000.00' }) @IsEuroAmount() amount!: string;
  @ApiPropertyOptional({
    example: 'region-renovation-2016',
    description: 'son enveloppe au grand livre : sa ligne y puise, dès la programmation',
  })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  envelope?: string;
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
  @ApiPropertyOptional({
    example: '25000.00',
    description: 'sa part du coût éligible (tous les logements ou aucun) : exclu à l’instruction, il en est retranché',
  })
  @IsOptional()
  @IsEuroAmount()
  eligibleCost?: string;
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
  @ApiPropertyOptional({
    example: 'lens-grande-residence-rehabilitation',
    description:
      'l’opération du registre des engagements, quand ces travaux y sont déjà (un autre programme les finance) : leurs aides comptent ensemble',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'identifiant d’opération du registre attendu' })
  registryOperation?: string;
}
