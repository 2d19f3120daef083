import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { downloadOf, ExportFormatQuery, wantsFile } from '@cvl/platform';
import { ReadModels } from '../infrastructure/read-models';
import { envelopePositions } from './envelopes';
import { envelopesReport } from './envelopes.report';

@ApiTags('restitutions')
@Controller('api/reporting/envelopes')
export class EnvelopesController {
  constructor(private readonly readModels: ReadModels) {}

  @Get()
  @ApiOperation({ summary: 'Enveloppes (budgets des financeurs, axes ITI) : plafond, programmé, ferme, payé, disponible (JSON, CSV, XLSX ou PDF)' })
  async envelopes(@Query() query: ExportFormatQuery) {
    const positions = envelopePositions(await this.readModels.envelopes(), await this.readModels.all(), await this.readModels.operations());
    return wantsFile(query.format) ? downloadOf(envelopesReport(positions, new Date().toISOString()), query.format) : { envelopes: positions };
  }
}
