import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Versioned } from '@cvl/platform';
import { commandOnCommitment } from '../http/commitment-resource';
import { toTrace } from '../http/trace.dto';
import { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import type { CommitmentView } from '../queries/views';
import { decideMakeConditional } from './make-conditional.decider';
import { MakeConditionalDto } from './make-conditional.dto';

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class MakeConditionalController {
  constructor(private readonly ledger: CommitmentsLedger) {}

  @Post(':id/conditional')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rendre une intention conditionnelle à une condition nommée' })
  async makeConditional(@Param('id') id: string, @Body() body: MakeConditionalDto, @Headers('if-match') ifMatch?: string): Promise<Versioned<CommitmentView>> {
    return commandOnCommitment(this.ledger, id, ifMatch, (state) => decideMakeConditional({ commitmentId: id, conditionId: body.conditionId, trace: toTrace(body.trace) }, state));
  }
}
