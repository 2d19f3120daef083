import { CommitmentResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Allow, CurrentAccess, IfMatchHeader, type Access, type Versioned } from '@cvl/platform';
import { commitmentAfter } from '../http/commitment-resource';
import { toTrace } from '../http/trace.dto';
import type { CommitmentView } from '../queries/views';
import { SplitPoolCommand } from './split-pool.handler';
import { poolPartsOf, SplitPoolDto } from './split-pool.dto';
import { STEERS_CONTRACT } from '../http/access';

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class SplitPoolController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/splits')
  @ApiOkResponse({ type: CommitmentResponse })
  @Allow(STEERS_CONTRACT)
  @HttpCode(200)
  @IfMatchHeader()
  @ApiOperation({ summary: 'Ventiler une enveloppe commune par EPCI ou par financeur' })
  async split(
    @CurrentAccess() access: Access,
    @Param('id') id: string,
    @Body() body: SplitPoolDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Versioned<CommitmentView>> {
    return commitmentAfter(
      await this.commands.execute(
        new SplitPoolCommand(
          {
            poolId: id,
            parts: poolPartsOf(body.parts),
            trace: toTrace(body.trace),
          },
          { access, commitmentId: id, ifMatch },
        ),
      ),
      id,
    );
  }
}
