import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CODE, CODE_MESSAGE } from '@cvl/platform';
import { MatrixFilterDto } from '../co-financing-matrix/co-financing-matrix.dto';
import { PROVENANCE_FIGURES, type ProvenanceFigure } from './provenance';

/** The matrix's filters, and which figure of what (an operation, an envelope) is to be explained. */
export class ProvenanceFilterDto extends MatrixFilterDto {
  @ApiPropertyOptional({ enum: PROVENANCE_FIGURES })
  @IsOptional()
  @IsIn(PROVENANCE_FIGURES, { message: `montant attendu parmi : ${PROVENANCE_FIGURES.join(', ')}` })
  figure?: ProvenanceFigure;

  @ApiPropertyOptional({
    description: 'une fiche opération : source:programme:opération',
    example: 'iti-feder:iti-call:op1',
  })
  @IsOptional()
  @Matches(/^(renewal-urban|iti-feder):[A-Za-z0-9._-]{1,80}:[A-Za-z0-9._-]{1,80}$/, {
    message: 'opération attendue sous la forme source:programme:opération (par ex. iti-feder:iti-call:op1)',
  })
  operation?: string;

  @ApiPropertyOptional({ description: 'une enveloppe ouverte au registre', example: 'iti-feder-axe-3' })
  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  envelope?: string;
}
