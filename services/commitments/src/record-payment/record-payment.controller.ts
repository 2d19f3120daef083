import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow, CurrentAccess, type Access, type Versioned } from '@cvl/platform';
import { commandOnCommitment } from '../http/commitment-resource';
import { toTrace } from '../http/trace.dto';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import type { CommitmentView } from '../queries/views';
import { decideRecordPayment } from './record-payment.decider';
import { RecordPaymentDto } from './record-payment.dto';
import { BOOKS_OWN_COMMITMENTS } from '../http/access';

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class RecordPaymentController {
  constructor(private readonly ledger: CommitmentsLedger) {}

  @Post(':id/payments')
  @Allow(BOOKS_OWN_COMMITMENTS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Enregistrer un paiement (avance, acompte, solde), jamais au-delà de l’engagement ferme' })
  async pay(
    @CurrentAccess() access: Access,
    @Param('id') id: string,
    @Body() body: RecordPaymentDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Versioned<CommitmentView>> {
    return commandOnCommitment(this.ledger, access, id, ifMatch, (state, context) =>
      decideRecordPayment(
        {
          commitmentId: id,
          paymentId: body.paymentId,
          kind: body.kind,
          amountCents: fromDecimalString(body.amount),
          ...(body.serviceDoneDate ? { serviceDoneDate: body.serviceDoneDate } : {}),
          trace: toTrace(body.trace),
        },
        state,
        context,
      ),
    );
  }
}
