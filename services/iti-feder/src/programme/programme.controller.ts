import { ProgrammeResponse } from '../http/responses';
import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Allow, CurrentAccess, type Access } from '@cvl/platform';
import { READS_PROGRAMME } from '../http/access';
import { ProgrammeViewQuery } from './programme.query';

@ApiTags('enveloppe ITI')
@Controller('api/iti-feder/programmes')
export class ProgrammeController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOkResponse({ type: ProgrammeResponse })
  @Allow(READS_PROGRAMME)
  @ApiOperation({ summary: 'Où en est chaque euro FEDER : par axe et par opération' })
  get(@CurrentAccess() access: Access, @Param('id') id: string) {
    return this.queries.execute(new ProgrammeViewQuery(id, { access }));
  }
}
