import { Module } from '@nestjs/common';
import { serviceInfoController } from '@cvl/platform';
import { WorkbookController } from './workbook/workbook.controller';
import { ReplayController } from './replay/replay.controller';
import { IntegrityController } from './integrity/integrity.controller';
import { EnvelopesController } from './envelopes/envelopes.controller';
import { OperationCardsController } from './operation-cards/operation-cards.controller';
import { ConditionsAndPoolsController } from './conditions-and-pools/conditions-and-pools.controller';
import { CoFinancingMatrixController } from './co-financing-matrix/co-financing-matrix.controller';
import { FunderStatementController } from './funder-statement/funder-statement.controller';
import { ReadModels } from './infrastructure/read-models';
import { ReadModelProjector } from './projection/read-model-projector';
import { ProvenanceController } from './provenance/provenance.controller';
import { reportingDescription } from './reporting.description';

// Reporting publishes nothing: it reads the other services' topics and owns no truth.
@Module({
  controllers: [
    serviceInfoController(reportingDescription),
    CoFinancingMatrixController,
    ProvenanceController,
    ConditionsAndPoolsController,
    FunderStatementController,
    OperationCardsController,
    EnvelopesController,
    IntegrityController,
    ReplayController,
    WorkbookController,
  ],
  providers: [ReadModels, ReadModelProjector],
})
export class ReportingModule {}
