import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { toDecimalString } from '@cvl/money';
import { asJson, matches } from '../co-financing-matrix/co-financing-matrix';
import { MatrixQuery } from '../co-financing-matrix/co-financing-matrix.controller';
import { ReadModels } from '../infrastructure/read-models';
import { figuresOf } from '../projection/commitment-projection';

export class ProvenanceQuery extends MatrixQuery {
  @ApiPropertyOptional({ enum: ['indicative', 'conditional', 'firm', 'paid', 'outstanding'] })
  @IsOptional()
  @IsIn(['indicative', 'conditional', 'firm', 'paid', 'outstanding'])
  figure?: 'indicative' | 'conditional' | 'firm' | 'paid' | 'outstanding';
}

@ApiTags('restitutions')
@Controller('api/reporting/provenance')
export class ProvenanceController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @ApiOperation({ summary: 'D’où vient cet euro : les engagements et les événements qui font un chiffre de la matrice, avec acteur, dates, motif et source' })
  async provenance(@Query() query: ProvenanceQuery) {
    const { figure = 'firm', format: _format, ...filter } = query;
    const contributing = (await this.readModels.all()).filter((doc) => matches(doc, filter)).filter((doc) => figuresOf(doc)[figure] !== 0n);
    const total = contributing.reduce((sum, doc) => sum + figuresOf(doc)[figure], 0n);
    return {
      filter,
      figure,
      total: toDecimalString(total),
      commitments: contributing.map((doc) => ({ id: doc.id, funder: doc.funder, label: doc.attribution.label, status: doc.status, figures: asJson(figuresOf(doc)), events: doc.provenance })),
    };
  }
}
