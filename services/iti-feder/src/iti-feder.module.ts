import { Module } from '@nestjs/common';
import { serviceInfoController, serviceRelayProvider } from '@cvl/platform';
import { AdoptStrategyController } from './adopt-strategy/adopt-strategy.controller';
import { AdoptStrategyHandler } from './adopt-strategy/adopt-strategy.handler';
import { AgreeGrantController } from './agree-grant/agree-grant.controller';
import { AgreeGrantHandler } from './agree-grant/agree-grant.handler';
import { AppraiseApplicationController } from './appraise-application/appraise-application.controller';
import { AppraiseApplicationHandler } from './appraise-application/appraise-application.handler';
import { CommitCoFunderController } from './commit-co-funder/commit-co-funder.controller';
import { CommitCoFunderHandler } from './commit-co-funder/commit-co-funder.handler';
import { CheckServiceDoneController } from './check-service-done/check-service-done.controller';
import { CheckServiceDoneHandler } from './check-service-done/check-service-done.handler';
import { CompleteApplicationController } from './complete-application/complete-application.controller';
import { CompleteApplicationHandler } from './complete-application/complete-application.handler';
import { DegagementForecastController } from './degagement-forecast/degagement-forecast.controller';
import { DegagementForecastQueryHandler } from './degagement-forecast/degagement-forecast.query';
import { FilePaymentClaimController } from './file-payment-claim/file-payment-claim.controller';
import { FilePaymentClaimHandler } from './file-payment-claim/file-payment-claim.handler';
import { ProgrammeRepository } from './infrastructure/programme-repository';
import { publishedItiEvents } from './infrastructure/published-events';
import { itiFederDescription } from './iti-feder.description';
import { PayClaimController } from './pay-claim/pay-claim.controller';
import { PayClaimHandler } from './pay-claim/pay-claim.handler';
import { ProgramOperationController } from './program-operation/program-operation.controller';
import { ProgramOperationHandler } from './program-operation/program-operation.handler';
import { ExpenseStatementController } from './expense-statement/expense-statement.controller';
import { ExpenseStatementQueryHandler } from './expense-statement/expense-statement.query';
import { ProgrammeController } from './programme/programme.controller';
import { ProgrammeViewQueryHandler } from './programme/programme.query';
import { ReceiveApplicationController } from './receive-application/receive-application.controller';
import { ReceiveApplicationHandler } from './receive-application/receive-application.handler';
import { ItiBookingAnswersConsumer } from './record-booking-answer/booking-answers.consumer';
import { RecordBookingAnswerHandler } from './record-booking-answer/record-booking-answer.handler';
import { ReleaseUnusedController } from './release-unused/release-unused.controller';
import { ReleaseUnusedHandler } from './release-unused/release-unused.handler';
import { SetEnvelopeController } from './set-envelope/set-envelope.controller';
import { SetEnvelopeHandler } from './set-envelope/set-envelope.handler';

/**
 * ITI-FEDER: the EU envelope by axis, from application to payment; it asks the ledger to book, never books itself.
 * One folder per use case, in the order a file goes: envelope and strategy, application, completeness, appraisal,
 * programming, grant agreement, each co-funder's own act, claims, service done, payment, release of the unused part.
 */
@Module({
  controllers: [
    serviceInfoController(itiFederDescription, publishedItiEvents),
    SetEnvelopeController,
    AdoptStrategyController,
    ProgrammeController,
    ExpenseStatementController,
    DegagementForecastController,
    ReceiveApplicationController,
    CompleteApplicationController,
    AppraiseApplicationController,
    ProgramOperationController,
    AgreeGrantController,
    CommitCoFunderController,
    FilePaymentClaimController,
    CheckServiceDoneController,
    PayClaimController,
    ReleaseUnusedController,
  ],
  providers: [
    SetEnvelopeHandler,
    AdoptStrategyHandler,
    ReceiveApplicationHandler,
    CompleteApplicationHandler,
    AppraiseApplicationHandler,
    ProgramOperationHandler,
    AgreeGrantHandler,
    CommitCoFunderHandler,
    FilePaymentClaimHandler,
    CheckServiceDoneHandler,
    PayClaimHandler,
    ReleaseUnusedHandler,
    RecordBookingAnswerHandler,
    ProgrammeViewQueryHandler,
    ExpenseStatementQueryHandler,
    DegagementForecastQueryHandler,
    ProgrammeRepository,
    ItiBookingAnswersConsumer,
    serviceRelayProvider(itiFederDescription.service, publishedItiEvents),
  ],
})
export class ItiFederModule {}
