import { Module } from '@nestjs/common';
import { serviceInfoController, serviceRelayProvider } from '@cvl/platform';
import { AddOperationController } from './add-operation/add-operation.controller';
import { ApproveFinancingPlanController } from './approve-financing-plan/approve-financing-plan.controller';
import { DraftProtocolController } from './draft-protocol/draft-protocol.controller';
import { AddPartyController } from './add-party/add-party.controller';
import { AddPartyHandler } from './add-party/add-party.handler';
import { FinancialTableController } from './financial-table/financial-table.controller';
import { ProtocolRepository } from './infrastructure/protocol-repository';
import { NpnruListRepository } from './list-npnru-quartier/npnru-list';
import { ListNpnruQuartierController } from './list-npnru-quartier/list-npnru-quartier.controller';
import { ListNpnruQuartierHandler, NpnruListQueryHandler } from './list-npnru-quartier/list-npnru-quartier.handler';
import { publishedRenewalEvents } from './infrastructure/published-events';
import { ProtocolLifecycleController } from './protocol-lifecycle/protocol-lifecycle.controller';
import { BookingAnswersConsumer } from './record-booking-outcome/booking-answers.consumer';
import { renewalUrbanDescription } from './renewal-urban.description';
import { ReviseOperationController } from './revise-operation/revise-operation.controller';
import { ReviseOperationHandler, WithdrawOperationHandler } from './revise-operation/revise-operation.handler';
import { SetFinancingPlanController } from './set-financing-plan/set-financing-plan.controller';
import { AddOperationHandler } from './add-operation/add-operation.handler';
import { ApproveFinancingPlanHandler } from './approve-financing-plan/approve-financing-plan.handler';
import { DraftProtocolHandler, FormPurchasingGroupHandler } from './draft-protocol/draft-protocol.handler';
import { ProtocolViewQueryHandler } from './draft-protocol/protocol.query';
import { FinancialTableDiffQueryHandler, FinancialTableQueryHandler } from './financial-table/financial-table.queries';
import { ProtocolStepHandler } from './protocol-lifecycle/protocol-lifecycle.handler';
import { RecordBookingOutcomeHandler } from './record-booking-outcome/record-booking-outcome.handler';
import { SetFinancingPlanHandler } from './set-financing-plan/set-financing-plan.handler';

/** Every command and query of the renewal service, each beside its decider in its use case's folder. */
const HANDLERS = [
  DraftProtocolHandler,
  ListNpnruQuartierHandler,
  NpnruListQueryHandler,
  AddPartyHandler,
  FormPurchasingGroupHandler,
  AddOperationHandler,
  ReviseOperationHandler,
  WithdrawOperationHandler,
  SetFinancingPlanHandler,
  ProtocolStepHandler,
  ApproveFinancingPlanHandler,
  RecordBookingOutcomeHandler,
  ProtocolViewQueryHandler,
  FinancialTableQueryHandler,
  FinancialTableDiffQueryHandler,
];

/** Renouvellement urbain: NPNRU and ANRU's préfiguration protocol; it asks the ledger to book, never books itself. */
@Module({
  controllers: [
    serviceInfoController(renewalUrbanDescription, publishedRenewalEvents),
    ListNpnruQuartierController,
    DraftProtocolController,
    AddPartyController,
    AddOperationController,
    ReviseOperationController,
    SetFinancingPlanController,
    ProtocolLifecycleController,
    ApproveFinancingPlanController,
    FinancialTableController,
  ],
  providers: [
    ...HANDLERS,
    ProtocolRepository,
    NpnruListRepository,
    BookingAnswersConsumer,
    serviceRelayProvider(renewalUrbanDescription.service, publishedRenewalEvents),
  ],
})
export class RenewalUrbanModule {}
