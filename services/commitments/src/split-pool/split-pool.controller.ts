import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow, CurrentAccess, type Access, type Versioned } from '@cvl/platform';
import { commandOnCommitment } from '../http/commitment-resource';
import { toTrace } from '../http/trace.dto';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import type { CommitmentView } from '../queries/views';
import { decideSplitPool } from './split-pool.decider';
import { SplitPoolDto } from './split-pool.dto';
import { STEERS_CONTRACT } from '../http/access';

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class SplitPoolController {
  constructor(private readonly ledger: CommitmentsLedger) {}

  @Post(':id/splits')
  @Allow(STEERS_CONTRACT)
  @HttpCode(200)
  @ApiOperation({ summary: 'Ventiler une enveloppe commune par EPCI ou par financeur' })
  async split(
    @CurrentAccess() access: Access,
    @Param('id') id: string,
    @Body() body: SplitPoolDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Versioned<CommitmentView>> {
    return commandOnCommitment(this.ledger, access, id, ifMatch, (state, context) =>
      decideSplitPool(
        {
          poolId: id,
          parts: body.parts.map((part) => ({
            commitmentId: part.commitmentId,
            funder: part.funder,
            amountCents: fromDecimalString(part.amount),
            ...(part.epci ? { epci: part.epci } : {}),
            ...(part.label ? { label: part.label } : {}),
          })),
          trace: toTrace(body.trace),
        },
        state,
        context,
      ),
    );
  }
}
