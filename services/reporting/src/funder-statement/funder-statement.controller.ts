import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CODE, CODE_MESSAGE, InvalidInputException } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { funderStatement } from './funder-statement';

@ApiTags('restitutions')
@Controller('api/reporting/funders')
export class FunderStatementController {
  constructor(private readonly readModels: ReadModels) {}

  @Get(':funder/statement')
  @ApiParam({ name: 'funder', example: 'maisons-et-cites' })
  @ApiOperation({ summary: 'Relevé d’un financeur : totaux, ventilation par programme, quartier, enjeu, année et EPCI, conditions en attente, enveloppes communes' })
  async statement(@Param('funder') funder: string) {
    if (!CODE.test(funder)) throw new InvalidInputException([{ field: 'funder', message: CODE_MESSAGE }]);
    return funderStatement(await this.readModels.all(), funder);
  }
}
