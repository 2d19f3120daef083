import { CommitmentResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Allow, CurrentAccess, IfMatchHeader, type Access, type Versioned } from '@cvl/platform';
import { commitmentAfter } from '../http/commitment-resource';
import { toTrace } from '../http/trace.dto';
import type { CommitmentView } from '../queries/views';
import { MakeConditionalCommand } from './make-conditional.handler';
import { MakeConditionalDto } from './make-conditional.dto';
import { BOOKS_OWN_COMMITMENTS } from '../http/access';

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class MakeConditionalController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/conditional')
  @ApiOkResponse({ type: CommitmentResponse })
  @Allow(BOOKS_OWN_COMMITMENTS)
  @HttpCode(200)
  @IfMatchHeader()
  @ApiOperation({ summary: 'Rendre une intention conditionnelle à une condition nommée' })
  async makeConditional(
    @CurrentAccess() access: Access,
    @Param('id') id: string,
    @Body() body: MakeConditionalDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Versioned<CommitmentView>> {
    return commitmentAfter(
      await this.commands.execute(
        new MakeConditionalCommand(
          { commitmentId: id, conditionId: body.conditionId, trace: toTrace(body.trace) },
          { access, commitmentId: id, ifMatch },
        ),
      ),
      id,
    );
  }
}
