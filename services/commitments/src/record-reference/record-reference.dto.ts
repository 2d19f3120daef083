import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CODE, CODE_MESSAGE, TracedCommandDto } from '../http/trace.dto';

export class RecordReferenceDto extends TracedCommandDto {
  @ApiProperty({ example: 'maisons-et-cites' }) @Matches(CODE, { message: CODE_MESSAGE }) code!: string;
  @ApiProperty({ example: 'Maisons et Cités Soginorpa' }) @IsString() @IsNotEmpty({ message: 'libellé obligatoire' }) @MaxLength(300) name!: string;
  @ApiPropertyOptional({ example: { category: 'landlord' } }) @IsOptional() @IsObject() attributes?: Record<string, string | string[]>;
  @ApiPropertyOptional({ description: 'le parent dans l’arbre stratégique (axe → enjeu, objectif → axe)' }) @IsOptional() @Matches(CODE, { message: CODE_MESSAGE }) parent?: string;
}
