import { ProgrammeResponse } from '../http/responses';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { assertActsForBeneficiary, FILES_APPLICATION, programmeFor } from '../http/access';
import { toTrace } from '../http/effect';
import { ApplicationDto } from './receive-application.dto';
import { ReceiveApplicationCommand } from './receive-application.handler';

@ApiTags('opérations ITI')
@Controller('api/iti-feder/programmes')
export class ReceiveApplicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/applications')
  @ApiCreatedResponse({ type: ProgrammeResponse })
  @Allow(FILES_APPLICATION)
  @ApiOperation({
    summary: 'Déposer une demande (bénéficiaire, quartier, coût éligible, plan de financement, logements)',
  })
  async apply(@CurrentAccess() access: Access, @Param('id') id: string, @Body() body: ApplicationDto) {
    assertActsForBeneficiary(access, body.beneficiary, 'les demandes');
    return programmeFor(
      access,
      await this.commands.execute(
        new ReceiveApplicationCommand(id, {
          operationId: body.operationId,
          label: body.label,
          beneficiary: body.beneficiary,
          quartier: body.quartier,
          axis: body.axis,
          priority: body.priority,
          eligibleCostCents: fromDecimalString(body.eligibleCost),
          federCents: fromDecimalString(body.feder),
          coFunders: body.coFunders.map((c) => ({
            funder: c.funder,
            amountCents: fromDecimalString(c.amount),
            ...(c.envelope ? { envelope: c.envelope } : {}),
          })),
          dwellings: body.dwellings ?? [],
          tranche: body.tranche,
          ...(body.registryOperation ? { registryOperation: body.registryOperation } : {}),
          trace: toTrace(body.trace),
        }),
      ),
    );
  }
}
