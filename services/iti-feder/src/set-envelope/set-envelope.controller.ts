import { ProgrammeResponse } from '../http/responses';
import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow } from '@cvl/platform';
import { MANAGES_ITI } from '../http/access';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { SetEnvelopeDto } from './set-envelope.dto';
import { SetEnvelopeCommand } from './set-envelope.handler';

@ApiTags('enveloppe ITI')
@Controller('api/iti-feder/programmes')
export class SetEnvelopeController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/envelope')
  @ApiOkResponse({ type: ProgrammeResponse })
  @Allow(MANAGES_ITI)
  @ApiOperation({ summary: 'Fixer l’enveloppe par axe (puis la modifier par avenant : nouvelle version)' })
  async envelope(@Param('id') id: string, @Body() body: SetEnvelopeDto) {
    return programmeView(
      await this.commands.execute(
        new SetEnvelopeCommand(id, {
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
        }),
      ),
    );
  }
}
