import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { parisDay } from '@cvl/exports';
import {
  Allow,
  ApiViewOrFileResponse,
  CurrentAccess,
  downloadOf,
  wantsFile,
  type Access,
  type RoutePolicy,
} from '@cvl/platform';
import { DeadlinesResponse } from '../http/responses';
import { addMonths } from './deadlines';
import { DeadlinesQueryDto } from './deadlines.dto';
import { DeadlinesQuery, type DeadlinesView } from './deadlines.query';
import { deadlinesDigest } from './deadlines.digest';
import { deadlinesReport } from './deadlines.report';
import { toICalendar } from './icalendar';

/** Who reads deadlines: the timeline's readers (a financeur, its own and the whole contract's). */
const READS_DEADLINES: RoutePolicy = {
  all: ['pilotage', 'auditeur'],
  own: { financeur: 'ses échéances et celles de tout le contrat' },
};

@ApiTags('gouvernance du contrat')
@Controller('api/commitments')
export class DeadlinesController {
  constructor(private readonly queries: QueryBus) {}

  private read(access: Access, query: DeadlinesQueryDto): Promise<DeadlinesView> {
    const asOf = query.asOf ?? parisDay(new Date().toISOString());
    return this.queries.execute(
      new DeadlinesQuery({
        access,
        asOf,
        until: addMonths(asOf, query.months ?? 12),
        ...(query.funder ? { funder: query.funder } : {}),
      }),
    );
  }

  @Get('deadlines')
  @ApiViewOrFileResponse(DeadlinesResponse)
  @Allow(READS_DEADLINES)
  @ApiOperation({
    summary:
      'Échéances : les étapes de gouvernance non réalisées (clauses de revoyure, avenants attendus, conditions, comités et programmations annuels) en retard ou dues dans les prochains mois (JSON, CSV, XLSX ou PDF)',
  })
  async deadlines(@CurrentAccess() access: Access, @Query() query: DeadlinesQueryDto) {
    const view = await this.read(access, query);
    return wantsFile(query.format)
      ? downloadOf(deadlinesReport(view, new Date().toISOString()), query.format, query)
      : view;
  }

  @Get('deadlines/digest')
  @Allow(READS_DEADLINES)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOkResponse({
    description: 'les mêmes échéances en texte brut, à envoyer chaque matin : en retard, dans les 30 jours, plus tard',
    content: { 'text/plain': { schema: { type: 'string', example: 'Échéances du contrat de ville…' } } },
  })
  @ApiOperation({ summary: 'Échéances : le résumé quotidien en texte brut, qu’un opérateur peut envoyer par courriel' })
  async digest(
    @CurrentAccess() access: Access,
    @Query() query: DeadlinesQueryDto,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): void },
  ): Promise<string> {
    const view = await this.read(access, query);
    response.setHeader('Content-Disposition', `attachment; filename="echeances-${view.asOf}.txt"`);
    return deadlinesDigest(view, new Date().toISOString());
  }

  @Get('deadlines/calendar')
  @Allow(READS_DEADLINES)
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="echeances.ics"')
  @ApiOkResponse({
    description: 'les mêmes échéances en iCalendar (RFC 5545), un événement d’une journée chacune',
    content: { 'text/calendar': { schema: { type: 'string', example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…' } } },
  })
  @ApiOperation({ summary: 'Échéances au format iCalendar, à importer dans un agenda' })
  async calendar(@CurrentAccess() access: Access, @Query() query: DeadlinesQueryDto): Promise<string> {
    const view = await this.read(access, query);
    return toICalendar(
      view.deadlines,
      new Date().toISOString(),
      `Échéances du contrat de ville${view.funder ? ` — ${view.funder.name}` : ''}`,
    );
  }
}
