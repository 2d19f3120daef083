import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Allow, CODE, CODE_MESSAGE, CurrentAccess, type Access } from '@cvl/platform';
import { ownCommitments, READS_FIGURES } from '../access/read-scope';
import { toDecimalString } from '@cvl/money';
import { asJson, matches } from '../co-financing-matrix/co-financing-matrix';
import { MatrixQuery } from '../co-financing-matrix/co-financing-matrix.controller';
import { ReadModels } from '../infrastructure/read-models';
import { figuresOf, type ProjectedCommitment } from '../projection/commitment-projection';

export class ProvenanceQuery extends MatrixQuery {
  @ApiPropertyOptional({ enum: ['indicative', 'conditional', 'firm', 'paid', 'outstanding'] })
  @IsOptional()
  @IsIn(['indicative', 'conditional', 'firm', 'paid', 'outstanding'])
  figure?: 'indicative' | 'conditional' | 'firm' | 'paid' | 'outstanding';

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

/** The commitments booked for an operation (by the request that asked for them) or against an envelope. */
const bookedFor = (doc: ProjectedCommitment, operation?: string, envelope?: string) =>
  (!operation ||
    (doc.request !== undefined &&
      `${doc.request.source}:${doc.request.protocolId}:${doc.request.operationId}` === operation)) &&
  (!envelope || doc.envelopeId === envelope);

@ApiTags('restitutions')
@Controller('api/reporting/provenance')
export class ProvenanceController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @Allow(READS_FIGURES)
  @ApiOperation({
    summary:
      'D’où vient cet euro : les engagements et les événements qui font un chiffre (case de la matrice, relevé, fiche opération, enveloppe), avec acteur, dates, motif et source',
  })
  async provenance(@CurrentAccess() access: Access, @Query() query: ProvenanceQuery) {
    const { figure = 'firm', format: _format, operation, envelope, ...filter } = query;
    const contributing = ownCommitments(access, await this.readModels.all())
      .filter((doc) => matches(doc, filter) && bookedFor(doc, operation, envelope))
      .filter((doc) => figuresOf(doc)[figure] !== 0n);
    const total = contributing.reduce((sum, doc) => sum + figuresOf(doc)[figure], 0n);
    return {
      filter: { ...filter, ...(operation ? { operation } : {}), ...(envelope ? { envelope } : {}) },
      figure,
      total: toDecimalString(total),
      commitments: contributing.map((doc) => ({
        id: doc.id,
        funder: doc.funder,
        label: doc.attribution.label,
        status: doc.status,
        figures: asJson(figuresOf(doc)),
        events: doc.provenance,
      })),
    };
  }
}
