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
import { CoFinancingMatrixQueryHandler } from './co-financing-matrix/co-financing-matrix.query';
import {
  PendingConditionsQueryHandler,
  PoolPositionsQueryHandler,
} from './conditions-and-pools/conditions-and-pools.query';
import { EnvelopePositionsQueryHandler } from './envelopes/envelopes.query';
import { FunderStatementQueryHandler } from './funder-statement/funder-statement.query';
import { IntegrityCheckQueryHandler } from './integrity/integrity.query';
import { OperationCardQueryHandler, OperationCardsQueryHandler } from './operation-cards/operation-cards.query';
import { ProvenanceQueryHandler } from './provenance/provenance.query';
import { RebuildReadModelsHandler } from './replay/rebuild-read-models.handler';
import { ReplayProgressQueryHandler } from './replay/replay-progress.query';
import { WorkbookQueryHandler } from './workbook/workbook.query';

// Reporting publishes nothing: it reads the other services' topics and owns no truth. Every route dispatches a query
// (the rebuild, a command) on the bus; its handler sits in the route's slice.
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
  providers: [
    ReadModels,
    ReadModelProjector,
    CoFinancingMatrixQueryHandler,
    ProvenanceQueryHandler,
    PendingConditionsQueryHandler,
    PoolPositionsQueryHandler,
    FunderStatementQueryHandler,
    OperationCardsQueryHandler,
    OperationCardQueryHandler,
    EnvelopePositionsQueryHandler,
    IntegrityCheckQueryHandler,
    RebuildReadModelsHandler,
    ReplayProgressQueryHandler,
    WorkbookQueryHandler,
  ],
})
export class ReportingModule {}
