import { Module } from '@nestjs/common';
import { serviceInfoController, serviceRelayProvider } from '@cvl/platform';
import { AddOperationController } from './add-operation/add-operation.controller';
import { ApproveFinancingPlanController } from './approve-financing-plan/approve-financing-plan.controller';
import { DraftProtocolController } from './draft-protocol/draft-protocol.controller';
import { FinancialTableController } from './financial-table/financial-table.controller';
import { ProtocolRepository } from './infrastructure/protocol-repository';
import { publishedRenewalEvents } from './infrastructure/published-events';
import { ProtocolLifecycleController } from './protocol-lifecycle/protocol-lifecycle.controller';
import { BookingAnswersConsumer } from './record-booking-outcome/booking-answers.consumer';
import { renewalUrbanDescription } from './renewal-urban.description';
import { SetFinancingPlanController } from './set-financing-plan/set-financing-plan.controller';

/** Renouvellement urbain: NPNRU and ANRU's préfiguration protocol; it asks the ledger to book, never books itself. */
@Module({
  controllers: [
    serviceInfoController(renewalUrbanDescription, publishedRenewalEvents),
    DraftProtocolController,
    AddOperationController,
    SetFinancingPlanController,
    ProtocolLifecycleController,
    ApproveFinancingPlanController,
    FinancialTableController,
  ],
  providers: [
    ProtocolRepository,
    BookingAnswersConsumer,
    serviceRelayProvider(renewalUrbanDescription.service, publishedRenewalEvents),
  ],
})
export class RenewalUrbanModule {}
