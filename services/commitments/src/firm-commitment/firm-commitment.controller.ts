import { CommitmentResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow, CurrentAccess, IfMatchHeader, type Access, type Versioned } from '@cvl/platform';
import { commitmentAfter } from '../http/commitment-resource';
import { toTrace } from '../http/trace.dto';
import type { CommitmentView } from '../queries/views';
import { FirmCommitmentCommand } from './firm-commitment.handler';
import { FirmCommitmentDto } from './firm-commitment.dto';
import { BOOKS_OWN_COMMITMENTS } from '../http/access';

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class FirmCommitmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/firm')
  @ApiOkResponse({ type: CommitmentResponse })
  @Allow(BOOKS_OWN_COMMITMENTS)
  @HttpCode(200)
  @IfMatchHeader()
  @ApiOperation({ summary: 'Affermir un engagement par son acte juridique' })
  async firm(
    @CurrentAccess() access: Access,
    @Param('id') id: string,
    @Body() body: FirmCommitmentDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Versioned<CommitmentView>> {
    return commitmentAfter(
      await this.commands.execute(
        new FirmCommitmentCommand(
          {
            commitmentId: id,
            act: { reference: body.act.reference, date: body.act.date },
            ...(body.amount ? { amountCents: fromDecimalString(body.amount) } : {}),
            trace: toTrace(body.trace),
          },
          { access, commitmentId: id, ifMatch },
        ),
      ),
      id,
    );
  }
}
