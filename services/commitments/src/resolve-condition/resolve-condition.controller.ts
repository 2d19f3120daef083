import { ConditionResolvedResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { toAct, toTrace } from '../http/trace.dto';
import { conditionView } from '../register-condition/condition.query';
import { ResolveConditionCommand } from './resolve-condition.handler';
import { ResolveConditionDto } from './resolve-condition.dto';
import { Allow } from '@cvl/platform';
import { STEERS_CONTRACT } from '../http/access';

@ApiTags('conditions')
@Controller('api/commitments/conditions')
export class ResolveConditionController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/resolution')
  @ApiOkResponse({ type: ConditionResolvedResponse })
  @Allow(STEERS_CONTRACT)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Lever une condition : remplie, tout ce qui l’attend redevient indicatif, ou ferme s’il cite son propre acte ; défaillie, tout devient caduc — d’un coup',
  })
  async resolve(@Param('id') id: string, @Body() body: ResolveConditionDto) {
    const act = toAct(body.act);
    const executed = await this.commands.execute(
      new ResolveConditionCommand({
        conditionId: id,
        outcome: body.outcome,
        ...(act ? { act } : {}),
        trace: toTrace(body.trace),
      }),
    );
    const resolved = executed.recorded.find((e) => e.type === 'commitments.condition-resolved');
    return {
      ...conditionView(executed.state, id),
      resolvedCommitments: (resolved?.data.commitmentIds as string[] | undefined) ?? [],
    };
  }
}
