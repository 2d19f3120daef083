import { ProgrammeResponse } from '../http/responses';
import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { FILES_CLAIM, programmeFor } from '../http/access';
import { toTrace } from '../http/effect';
import { ClaimDto } from './file-payment-claim.dto';
import { FilePaymentClaimCommand } from './file-payment-claim.handler';

@ApiTags('opérations ITI')
@Controller('api/iti-feder/programmes/:id/operations/:operationId')
export class FilePaymentClaimController {
  constructor(private readonly commands: CommandBus) {}

  @Post('claims')
  @ApiCreatedResponse({ type: ProgrammeResponse })
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
      await this.commands.execute(
        new FilePaymentClaimCommand(
          id,
          {
            operationId,
            claimId: body.claimId,
            expensesCents: fromDecimalString(body.expenses),
            final: body.final ?? false,
            trace: toTrace(body.trace),
          },
          access,
        ),
      ),
    );
  }
}
