import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { CODE, CODE_MESSAGE, IsNotBlank, TracedCommandDto } from '../http/trace.dto';

const MAX_ATTRIBUTES = 50;
const MAX_ATTRIBUTE_TEXT = 2_000;
const ATTRIBUTE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const isAttributeText = (value: unknown) => typeof value === 'string' && value.length <= MAX_ATTRIBUTE_TEXT;

/**
 * Reference attributes are a few short facts (a category, a programme number): bounded, so that no reference can
 * carry megabytes into the event store and onto the bus.
 */
const IsBoundedAttributes = () =>
  ValidateBy({
    name: 'isBoundedAttributes',
    validator: {
      validate: (value) =>
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.keys(value).length <= MAX_ATTRIBUTES &&
        Object.entries(value as Record<string, unknown>).every(
          ([key, item]) =>
            ATTRIBUTE_KEY.test(key) &&
            (isAttributeText(item) ||
              (Array.isArray(item) && item.length <= MAX_ATTRIBUTES && item.every(isAttributeText))),
        ),
      defaultMessage: () =>
        `attributs : au plus ${MAX_ATTRIBUTES}, clés « lettres, chiffres, . _ - » (64 caractères au plus), valeurs texte de ${MAX_ATTRIBUTE_TEXT} caractères au plus ou listes de telles valeurs`,
    },
  });

export class RecordReferenceDto extends TracedCommandDto {
  @ApiProperty({ example: 'maisons-et-cites' }) @Matches(CODE, { message: CODE_MESSAGE }) code!: string;
  @ApiProperty({ example: 'Maisons et Cités Soginorpa' })
  @IsString()
  @IsNotBlank({ message: 'libellé obligatoire' })
  @MaxLength(300)
  name!: string;
  @ApiPropertyOptional({
    example: { category: 'landlord' },
    description: `au plus ${MAX_ATTRIBUTES} attributs ; clés d’au plus 64 caractères ; valeurs d’au plus ${MAX_ATTRIBUTE_TEXT} caractères, ou listes d’au plus ${MAX_ATTRIBUTES} telles valeurs`,
  })
  @IsOptional()
  @IsObject()
  @IsBoundedAttributes()
  attributes?: Record<string, string | string[]>;
  @ApiPropertyOptional({ description: 'le parent dans l’arbre stratégique (axe → enjeu, objectif → axe)' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  parent?: string;
}
