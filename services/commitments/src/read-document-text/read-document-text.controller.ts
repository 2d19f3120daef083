import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { join } from 'node:path';
import { Allow, EVERY_READER } from '@cvl/platform';
import { findDataSet } from '../import-data-set/find-data-set';
import { DocumentText, MAX_CONTEXT_LINES } from './document-text';

export const CONTRACT_DOCUMENT = 'contrat-de-ville-lens-lievin-2015-2020';

export class DocumentTextQueryDto {
  @ApiPropertyOptional({ example: CONTRACT_DOCUMENT, description: 'le document (par défaut, le contrat de ville)' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,120}$/, { message: 'document : un identifiant de document (minuscules, chiffres, tirets)' })
  document?: string;

  @ApiProperty({ example: 5465, description: 'la ligne citée par un montant ou une écriture' })
  @Type(() => Number)
  @IsInt({ message: 'line : un numéro de ligne entier' })
  @Min(1, { message: 'line : à partir de 1' })
  @Max(1_000_000, { message: 'line : au plus 1 000 000' })
  line!: number;

  @ApiPropertyOptional({ example: 3, minimum: 0, maximum: MAX_CONTEXT_LINES, description: 'lignes avant et après' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'around : un entier' })
  @Min(0, { message: 'around : 0 ou plus' })
  @Max(MAX_CONTEXT_LINES, { message: `around : au plus ${MAX_CONTEXT_LINES}` })
  around?: number;
}

class DocumentLineView {
  @ApiProperty({ example: 5465 }) line!: number;
  @ApiProperty({ example: 'Total arrondi 259M€ 94M€' }) text!: string;
}

export class DocumentTextResponse {
  @ApiProperty({ example: CONTRACT_DOCUMENT }) document!: string;
  @ApiProperty({ example: 5465 }) line!: number;
  @ApiProperty({ example: 9200, description: 'le nombre de lignes du document' }) lineCount!: number;
  @ApiProperty({ type: [DocumentLineView] }) lines!: DocumentLineView[];
}

/** GET /api/commitments/document-text: the signed document's lines, to read beside the figure that cites one. */
@ApiTags('montants du document')
@Controller('api/commitments/document-text')
export class ReadDocumentTextController {
  private readonly text = new DocumentText(join(findDataSet(), 'source'));

  @Get()
  @ApiOkResponse({ type: DocumentTextResponse })
  // The contract is a public document: everyone who reads the ledger may read the lines its figures cite.
  @Allow({ all: EVERY_READER })
  @ApiOperation({
    summary: 'Le texte du document signé à une ligne (et autour) : ce que dit la source d’un montant ou d’une écriture',
  })
  read(@Query() query: DocumentTextQueryDto): DocumentTextResponse {
    const document = query.document ?? CONTRACT_DOCUMENT;
    const excerpt = this.text.excerpt(document, query.line, query.around ?? 3);
    if (!excerpt) throw new NotFoundException(`Ligne ${query.line} introuvable dans le document « ${document} »`);
    return excerpt;
  }
}
