import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Allow } from '@cvl/platform';
import { findDataSet } from '../import-data-set/find-data-set';
import { readDataSet } from '../import-data-set/read-data-set';
import { reconcile, type Verdict } from '../import-data-set/reconcile';

export class ReconciliationQuery {
  @ApiPropertyOptional({ enum: ['concorde', 'arrondi déclaré', 'écart'] })
  @IsOptional()
  @IsIn(['concorde', 'arrondi déclaré', 'écart'])
  verdict?: Verdict;
}

@ApiTags('rapprochement')
@Controller('api/commitments/reconciliation')
export class ReconciliationController {
  @Get()
  @Allow({ all: ['pilotage', 'auditeur', 'exploitation'] })
  @ApiOperation({
    summary:
      'Rapprochement du jeu de données : chaque total, produit et part recalculé, arrondi déclaré ou écart réel, avec la ligne du document',
  })
  async report(@Query() query: ReconciliationQuery) {
    const path = findDataSet();
    const read = await readDataSet(path);
    const lines = reconcile(read.dataSet);
    const counts = Object.fromEntries(
      (['concorde', 'arrondi déclaré', 'écart'] as Verdict[]).map((v) => [
        v,
        lines.filter((l) => l.verdict === v).length,
      ]),
    );
    return {
      document: read.dataSet.document,
      checks: lines.length,
      counts,
      lines: query.verdict ? lines.filter((l) => l.verdict === query.verdict) : lines,
    };
  }
}
