import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '../infrastructure/read-models';
import { pendingByCondition, poolPositions } from './conditions-and-pools';

@ApiTags('restitutions')
@Controller('api/reporting')
export class ConditionsAndPoolsController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('conditions')
  @ApiOperation({ summary: 'Ce qui attend chaque condition suspensive : les montants conditionnels, financeur par financeur' })
  async conditions() {
    return { conditions: pendingByCondition(await this.readModels.all()) };
  }

  @Get('pools')
  @ApiOperation({ summary: 'Chaque enveloppe globale (pool) : ce qui reste à ventiler et les parts déjà ventilées' })
  async pools() {
    return { pools: poolPositions(await this.readModels.all()) };
  }
}
