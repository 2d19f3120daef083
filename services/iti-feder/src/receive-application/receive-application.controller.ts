import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { decideAppraise, decideComplete } from '../appraise-application/appraise-application.decider';
import { ApplicationDto, StepDto } from '../http/dto';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { ProgrammeRepository } from '../infrastructure/programme-repository';
import { decideReceiveApplication } from './receive-application.decider';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { assertActsForBeneficiary, FILES_APPLICATION, MANAGES_ITI, programmeFor } from '../http/access';

@ApiTags('opérations ITI')
@Controller('api/iti-feder/programmes')
export class ReceiveApplicationController {
  constructor(private readonly programmes: ProgrammeRepository) {}

  @Post(':id/applications')
  @Allow(FILES_APPLICATION)
  @ApiOperation({
    summary: 'Déposer une demande (bénéficiaire, quartier, coût éligible, plan de financement, logements)',
  })
  async apply(@CurrentAccess() access: Access, @Param('id') id: string, @Body() body: ApplicationDto) {
    assertActsForBeneficiary(access, body.beneficiary, 'les demandes');
    return programmeFor(
      access,
      await this.programmes.executed(id, (state) =>
        decideReceiveApplication(
          {
            operationId: body.operationId,
            label: body.label,
            beneficiary: body.beneficiary,
            quartier: body.quartier,
            axis: body.axis,
            priority: body.priority,
            eligibleCostCents: fromDecimalString(body.eligibleCost),
            federCents: fromDecimalString(body.feder),
            coFunders: body.coFunders.map((c) => ({ funder: c.funder, amountCents: fromDecimalString(c.amount) })),
            dwellings: body.dwellings ?? [],
            tranche: body.tranche,
            trace: toTrace(body.trace),
          },
          state,
        ),
      ),
    );
  }

  @Post(':id/operations/:operationId/completeness')
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({ summary: 'Déclarer le dossier complet (organisme intermédiaire)' })
  async complete(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: StepDto) {
    return programmeView(
      await this.programmes.executed(id, (state) => decideComplete(operationId, toTrace(body.trace), state)),
    );
  }

  @Post(':id/operations/:operationId/appraisal')
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({ summary: 'Instruire : chaque règle d’éligibilité en vigueur, réussie ou non, et pourquoi' })
  async appraise(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: StepDto) {
    return programmeView(
      await this.programmes.executed(id, (state) => decideAppraise(operationId, toTrace(body.trace), state)),
    );
  }
}
