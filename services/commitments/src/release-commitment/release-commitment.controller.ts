import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import type { Versioned } from '@cvl/platform';
import { commandOnCommitment } from '../http/commitment-resource';
import { toTrace } from '../http/trace.dto';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import type { CommitmentView } from '../queries/views';
import { decideReleaseCommitment } from './release-commitment.decider';
import { ReleaseCommitmentDto } from './release-commitment.dto';

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class ReleaseCommitmentController {
  constructor(private readonly ledger: CommitmentsLedger) {}

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dégager ce qui ne sera pas utilisé' })
  async release(@Param('id') id: string, @Body() body: ReleaseCommitmentDto, @Headers('if-match') ifMatch?: string): Promise<Versioned<CommitmentView>> {
    return commandOnCommitment(this.ledger, id, ifMatch, (state, context) => decideReleaseCommitment({ commitmentId: id, ...(body.amount ? { amountCents: fromDecimalString(body.amount) } : {}), trace: toTrace(body.trace) }, state, context));
  }
}
