import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentAccess, downloadOf, ExportFormatQuery, wantsFile, type Access } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { envelopePositions } from './envelopes';
import { envelopesReport } from './envelopes.report';
import { ownCommitments, ownEnvelopes } from '../access/read-scope';

@ApiTags('restitutions')
@Controller('api/reporting/envelopes')
export class EnvelopesController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @Allow({ all: ['pilotage', 'auditeur'], own: { financeur: 'les enveloppes (budgets) de son organisation' } })
  @ApiOperation({
    summary:
      'Enveloppes (budgets des financeurs, axes ITI) : plafond, programmé, ferme, payé, disponible (JSON, CSV, XLSX ou PDF)',
  })
  async envelopes(@CurrentAccess() access: Access, @Query() query: ExportFormatQuery) {
    const positions = envelopePositions(
      ownEnvelopes(access, await this.readModels.envelopes()),
      ownCommitments(access, await this.readModels.all()),
      await this.readModels.operations(),
    );
    return wantsFile(query.format)
      ? downloadOf(envelopesReport(positions, new Date().toISOString()), query.format)
      : { envelopes: positions };
  }
}
