import { CommitmentResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow, CurrentAccess, IfMatchHeader, type Access, type Versioned } from '@cvl/platform';
import { commitmentAfter } from '../http/commitment-resource';
import { toAct, toTrace } from '../http/trace.dto';
import type { CommitmentView } from '../queries/views';
import { AmendCommitmentCommand } from './amend-commitment.handler';
import { AmendCommitmentDto } from './amend-commitment.dto';
import { BOOKS_OWN_COMMITMENTS } from '../http/access';

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class AmendCommitmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/amendments')
  @ApiOkResponse({ type: CommitmentResponse })
  @Allow(BOOKS_OWN_COMMITMENTS)
  @HttpCode(200)
  @IfMatchHeader()
  @ApiOperation({
    summary: 'Modifier un engagement (avenant, clause de revoyure, correction) par une nouvelle écriture',
  })
  async amend(
    @CurrentAccess() access: Access,
    @Param('id') id: string,
    @Body() body: AmendCommitmentDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Versioned<CommitmentView>> {
    const act = toAct(body.act);
    return commitmentAfter(
      await this.commands.execute(
        new AmendCommitmentCommand(
          {
            commitmentId: id,
            kind: body.kind,
            newAmountCents: fromDecimalString(body.newAmount),
            ...(act ? { act } : {}),
            trace: toTrace(body.trace),
          },
          { access, commitmentId: id, ifMatch },
        ),
      ),
      id,
    );
  }
}
