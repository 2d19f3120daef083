import { EnvelopeResponse } from '../http/responses';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { toTrace } from '../http/trace.dto';
import { EnvelopeQuery, envelopeView } from './envelope.query';
import { OpenEnvelopeCommand } from './open-envelope.handler';
import { OpenEnvelopeDto } from './open-envelope.dto';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { READS_ENVELOPES, STEERS_CONTRACT } from '../http/access';

@ApiTags('enveloppes')
@Controller('api/commitments/envelopes')
export class OpenEnvelopeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: EnvelopeResponse })
  @Allow(STEERS_CONTRACT)
  @ApiOperation({ summary: 'Ouvrir une enveloppe (plafond des engagements qui s’y imputent)' })
  async open(@Body() body: OpenEnvelopeDto) {
    const executed = await this.commands.execute(
      new OpenEnvelopeCommand({
        envelopeId: body.envelopeId,
        funder: body.funder,
        label: body.label,
        amountCents: fromDecimalString(body.amount),
        ...(body.programme ? { programme: body.programme } : {}),
        ...(body.year ? { year: body.year } : {}),
        trace: toTrace(body.trace),
      }),
    );
    return envelopeView(executed.state, body.envelopeId);
  }

  @Get(':id')
  @ApiOkResponse({ type: EnvelopeResponse })
  @Allow(READS_ENVELOPES)
  @ApiOperation({ summary: 'Une enveloppe : réservé, engagé, disponible' })
  async get(@CurrentAccess() access: Access, @Param('id') id: string) {
    return this.queries.execute(new EnvelopeQuery({ access, envelopeId: id }));
  }
}
