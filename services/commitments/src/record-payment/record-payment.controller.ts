import { CommitmentResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow, CurrentAccess, IfMatchHeader, type Access, type Versioned } from '@cvl/platform';
import { commitmentAfter } from '../http/commitment-resource';
import { toTrace } from '../http/trace.dto';
import type { CommitmentView } from '../queries/views';
import { RecordPaymentCommand } from './record-payment.handler';
import { RecordPaymentDto } from './record-payment.dto';
import { BOOKS_OWN_COMMITMENTS } from '../http/access';

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class RecordPaymentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/payments')
  @ApiOkResponse({ type: CommitmentResponse })
  @Allow(BOOKS_OWN_COMMITMENTS)
  @HttpCode(200)
  @IfMatchHeader()
  @ApiOperation({ summary: 'Enregistrer un paiement (avance, acompte, solde), jamais au-delà de l’engagement ferme' })
  async pay(
    @CurrentAccess() access: Access,
    @Param('id') id: string,
    @Body() body: RecordPaymentDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Versioned<CommitmentView>> {
    return commitmentAfter(
      await this.commands.execute(
        new RecordPaymentCommand(
          {
            commitmentId: id,
            paymentId: body.paymentId,
            kind: body.kind,
            amountCents: fromDecimalString(body.amount),
            ...(body.serviceDoneDate ? { serviceDoneDate: body.serviceDoneDate } : {}),
            trace: toTrace(body.trace),
          },
          { access, commitmentId: id, ifMatch },
        ),
      ),
      id,
    );
  }
}
