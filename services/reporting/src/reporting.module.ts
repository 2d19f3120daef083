import { Module } from '@nestjs/common';
import { serviceInfoController } from '@cvl/platform';
import { ConditionsAndPoolsController } from './conditions-and-pools/conditions-and-pools.controller';
import { CoFinancingMatrixController } from './co-financing-matrix/co-financing-matrix.controller';
import { FunderStatementController } from './funder-statement/funder-statement.controller';
import { ReadModels } from './infrastructure/read-models';
import { CommitmentsProjector } from './projection/commitments-projector';
import { ProvenanceController } from './provenance/provenance.controller';
import { reportingDescription } from './reporting.description';

// Reporting publishes nothing: it reads the other services' topics and owns no truth.
@Module({
  controllers: [serviceInfoController(reportingDescription), CoFinancingMatrixController, ProvenanceController, ConditionsAndPoolsController, FunderStatementController],
  providers: [ReadModels, CommitmentsProjector],
})
export class ReportingModule {}
