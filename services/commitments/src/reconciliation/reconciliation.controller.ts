import { ReconciliationResponse } from '../http/responses';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Allow } from '@cvl/platform';
import { QueryBus } from '@nestjs/cqrs';
import { VERDICTS, type Verdict } from '../import-data-set/reconcile';
import { ReconciliationQuery } from './reconciliation.query';

export class ReconciliationFilter {
  @ApiPropertyOptional({ enum: VERDICTS })
  @IsOptional()
  @IsIn(VERDICTS, { message: `verdict inconnu (attendu : ${VERDICTS.join(', ')})` })
  verdict?: Verdict;
}

@ApiTags('rapprochement')
@Controller('api/commitments/reconciliation')
export class ReconciliationController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOkResponse({ type: ReconciliationResponse })
  @Allow({ all: ['pilotage', 'auditeur', 'exploitation'] })
  @ApiOperation({
    summary:
      'Rapprochement des montants du document enregistrés au grand livre : chaque total, produit et part recalculé, arrondi déclaré, arrondi à la précision affichée ou écart réel, avec la ligne du document',
  })
  report(@Query() query: ReconciliationFilter) {
    return this.queries.execute(new ReconciliationQuery({ ...(query.verdict ? { verdict: query.verdict } : {}) }));
  }
}
