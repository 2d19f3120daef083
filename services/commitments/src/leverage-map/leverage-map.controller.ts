import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ApiViewOrFileResponse, CurrentAccess, downloadOf, wantsFile, type Access } from '@cvl/platform';
import type { LeverageMap } from './leverage-map';
import { LeverageMapQueryDto } from './leverage-map.dto';
import { LeverageMapQuery } from './leverage-map.query';
import { leverageMapReport } from './leverage-map.report';
import { LeverageMapResponse } from './leverage-map.responses';

@ApiTags('restitutions')
@Controller('api/commitments')
export class LeverageMapController {
  constructor(private readonly queries: QueryBus) {}

  @Get('leverage')
  @ApiViewOrFileResponse(LeverageMapResponse)
  @Allow({ all: ['pilotage', 'auditeur'] })
  @ApiOperation({
    summary:
      'Carte des leviers : par quartier (ou enjeu) et par année, droit commun, crédits spécifiques (P147), ANRU, fonds européens, bailleurs — et l’effet levier (JSON, CSV, XLSX ou PDF)',
  })
  async leverage(@CurrentAccess() access: Access, @Query() query: LeverageMapQueryDto) {
    const map: LeverageMap = await this.queries.execute(
      new LeverageMapQuery({ access, by: query.by ?? 'quartier', figure: query.figure ?? 'engage' }),
    );
    return wantsFile(query.format)
      ? downloadOf(leverageMapReport(map, new Date().toISOString()), query.format, query)
      : map;
  }
}
