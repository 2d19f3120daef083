import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/* Who wrote a fact and on what source, as every service's document shows it (a commitment's history, provenance). */

export class ActorView {
  @ApiProperty({ example: 'marie.dupont' }) subject!: string;
  @ApiProperty({ example: 'call' }) organisation!: string;
  @ApiProperty({ type: [String], example: ['pilotage'], description: 'ses rôles au moment de l’écriture' })
  roles!: readonly string[];
}

export class SourceView {
  @ApiProperty({ enum: ['act', 'document'] }) kind!: 'act' | 'document';
  @ApiPropertyOptional({ description: 'l’acte (kind = act)' }) reference?: string;
  @ApiPropertyOptional() date?: string;
  @ApiPropertyOptional({ example: 'contrat-de-ville-lens-lievin-2015-2020', description: 'kind = document' })
  document?: string;
  @ApiPropertyOptional({ type: 'integer', example: 5104, description: 'la ligne du document' }) line?: number;
  @ApiPropertyOptional() section?: string;
}
