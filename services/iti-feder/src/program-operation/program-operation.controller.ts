import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { decideAgree } from '../agree-grant/agree-grant.decider';
import { AgreementDto, ClaimDto, ProgrammingDto, ServiceDoneDto, StepDto } from '../http/dto';
import { toTrace } from '../http/effect';
import { programmeView } from '../http/programme-view';
import { ProgrammeRepository } from '../infrastructure/programme-repository';
import { decideClaim, decidePay, decideServiceDone } from '../payment-claims/payment-claims.decider';
import { decideRelease } from '../release-unused/release-unused.decider';
import { decideProgram } from './program-operation.decider';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { assertActsForBeneficiary, FILES_CLAIM, MANAGES_ITI, programmeFor } from '../http/access';

@ApiTags('opérations ITI')
@Controller('api/iti-feder/programmes/:id/operations/:operationId')
export class OperationLifecycleController {
  constructor(private readonly programmes: ProgrammeRepository) {}

  @Post('programming')
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Programmer (comité) : jamais au-delà de l’enveloppe de l’axe ; le grand livre inscrit les lignes',
  })
  async program(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: ProgrammingDto) {
    return programmeView(
      await this.programmes.executed(id, (state) =>
        decideProgram(operationId, body.committeeDate, toTrace(body.trace), state),
      ),
    );
  }

  @Post('agreement')
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({ summary: 'Convention attributive : l’engagement juridique' })
  async agree(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: AgreementDto) {
    return programmeView(
      await this.programmes.executed(id, (state) =>
        decideAgree(operationId, { reference: body.act.reference, date: body.act.date }, toTrace(body.trace), state),
      ),
    );
  }

  @Post('claims')
  @Allow(FILES_CLAIM)
  @ApiOperation({ summary: 'Demande de paiement avec état des dépenses' })
  async claim(
    @CurrentAccess() access: Access,
    @Param('id') id: string,
    @Param('operationId') operationId: string,
    @Body() body: ClaimDto,
  ) {
    return programmeFor(
      access,
      await this.programmes.executed(id, (state) => {
        const operation = state?.operations.get(operationId);
        if (operation)
          assertActsForBeneficiary(access, operation.beneficiary, 'les demandes de paiement des opérations');
        return decideClaim(
          operationId,
          body.claimId,
          fromDecimalString(body.expenses),
          body.final ?? false,
          toTrace(body.trace),
          state,
        );
      }),
    );
  }

  @Post('claims/:claimId/service-done')
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Contrôle de service fait (dont contrôle de sur-financement avec les inscriptions des cofinanceurs)',
  })
  async serviceDone(
    @Param('id') id: string,
    @Param('operationId') operationId: string,
    @Param('claimId') claimId: string,
    @Body() body: ServiceDoneDto,
  ) {
    return programmeView(
      await this.programmes.executed(id, (state) =>
        decideServiceDone(operationId, claimId, fromDecimalString(body.acceptedExpenses), toTrace(body.trace), state),
      ),
    );
  }

  @Post('claims/:claimId/payment')
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({ summary: 'Payer ce que le contrôle a retenu, jamais au-delà du programmé' })
  async pay(
    @Param('id') id: string,
    @Param('operationId') operationId: string,
    @Param('claimId') claimId: string,
    @Body() body: StepDto,
  ) {
    return programmeView(
      await this.programmes.executed(id, (state) => decidePay(operationId, claimId, toTrace(body.trace), state)),
    );
  }

  @Post('release')
  @Allow(MANAGES_ITI)
  @HttpCode(200)
  @ApiOperation({ summary: 'Dégager la part non utilisée après le solde' })
  async release(@Param('id') id: string, @Param('operationId') operationId: string, @Body() body: StepDto) {
    return programmeView(
      await this.programmes.executed(id, (state) => decideRelease(operationId, toTrace(body.trace), state)),
    );
  }
}
