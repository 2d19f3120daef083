import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { degagementForecast } from '../degagement-forecast/degagement-forecast';
import { SetEnvelopeDto, StrategyDto } from '../http/dto';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { ProgrammeRepository } from '../infrastructure/programme-repository';
import { decideAdoptStrategy, decideSetEnvelope } from './set-envelope.decider';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { MANAGES_ITI, programmeFor, READS_FORECAST, READS_PROGRAMME } from '../http/access';

@ApiTags('enveloppe ITI')
@Controller('api/iti-feder/programmes')
export class SetEnvelopeController {
  constructor(private readonly programmes: ProgrammeRepository) {}

  @Put(':id/envelope')
  @Allow(MANAGES_ITI)
  @ApiOperation({ summary: 'Fixer l’enveloppe par axe (puis la modifier par avenant : nouvelle version)' })
  async envelope(@Param('id') id: string, @Body() body: SetEnvelopeDto) {
    return programmeView(
      await this.programmes.executed(id, (state) =>
        decideSetEnvelope(
          {
            programmeId: id,
            axes: body.axes.map((a) => ({
              axis: a.axis,
              label: a.label,
              amountCents: fromDecimalString(a.amount),
              ...(a.callShare ? { callShareCents: fromDecimalString(a.callShare) } : {}),
              ...(a.priorities ? { priorities: a.priorities } : {}),
            })),
            ...(body.act ? { act: { reference: body.act.reference, date: body.act.date } } : {}),
            trace: toTrace(body.trace),
          },
          state,
        ),
      ),
    );
  }

  @Post(':id/strategy')
  @Allow(MANAGES_ITI)
  @ApiOperation({ summary: 'Adopter la stratégie ITI (au moins deux axes)' })
  async strategy(@Param('id') id: string, @Body() body: StrategyDto) {
    return programmeView(
      await this.programmes.executed(id, (state) =>
        decideAdoptStrategy({ axes: body.axes, trace: toTrace(body.trace) }, state),
      ),
    );
  }

  @Get(':id')
  @Allow(READS_PROGRAMME)
  @ApiOperation({ summary: 'Où en est chaque euro FEDER : par axe et par opération' })
  async get(@CurrentAccess() access: Access, @Param('id') id: string) {
    return programmeFor(access, await this.programmes.get(id));
  }

  @Get(':id/degagement-forecast')
  @Allow(READS_FORECAST)
  @ApiOperation({
    summary:
      'Prévision de dégagement (n+3) : par tranche annuelle, ce qui reste à payer, avant quand, ce qui est à risque',
  })
  async forecast(@Param('id') id: string, @Query('today') today?: string) {
    return degagementForecast(
      await this.programmes.get(id),
      /^\d{4}-\d{2}-\d{2}$/.test(today ?? '') ? (today as string) : new Date().toISOString().slice(0, 10),
    );
  }
}
