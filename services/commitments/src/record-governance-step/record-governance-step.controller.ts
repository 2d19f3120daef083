import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { STEERS_CONTRACT } from '../http/access';
import { TimelineResponse } from '../http/responses';
import { toTrace } from '../http/trace.dto';
import { RecordGovernanceStepCommand } from './record-governance-step.handler';
import { RecordGovernanceStepDto, TimelineFilterDto } from './record-governance-step.dto';
import { TimelineQuery } from './timeline.query';

@ApiTags('gouvernance du contrat')
@Controller('api/commitments')
export class RecordGovernanceStepController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('governance')
  @ApiCreatedResponse({ type: TimelineResponse })
  @Allow(STEERS_CONTRACT)
  @ApiOperation({
    summary:
      'Enregistrer une étape de la gouvernance (période, délibération, signature, avenant, clause de revoyure, condition, comité, programmation annuelle) et son effet',
  })
  async record(@CurrentAccess() access: Access, @Body() body: RecordGovernanceStepDto) {
    const { trace, ...step } = body;
    await this.commands.execute(
      new RecordGovernanceStepCommand({ ...step, funders: step.funders ?? [], trace: toTrace(trace) }),
    );
    return this.queries.execute(new TimelineQuery({ access }));
  }

  @Get('timeline')
  @ApiOkResponse({ type: TimelineResponse })
  @Allow({ all: ['pilotage', 'auditeur'], own: { financeur: 'sa chronologie et les étapes de tout le contrat' } })
  @ApiOperation({
    summary:
      'Chronologie du contrat ou d’un financeur : étapes de gouvernance et faits datés du grand livre (actes, paiements, conditions levées)',
  })
  timeline(@CurrentAccess() access: Access, @Query() query: TimelineFilterDto) {
    return this.queries.execute(new TimelineQuery({ access, ...(query.funder ? { funder: query.funder } : {}) }));
  }
}
