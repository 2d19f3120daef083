import { Module } from '@nestjs/common';
import { serviceInfoController, serviceRelayProvider } from '@cvl/platform';
import { itiFederDescription } from './iti-feder.description';
import { ProgrammeRepository } from './infrastructure/programme-repository';
import { publishedItiEvents } from './infrastructure/published-events';
import { OperationLifecycleController } from './program-operation/program-operation.controller';
import { ReceiveApplicationController } from './receive-application/receive-application.controller';
import { ItiBookingAnswersConsumer } from './record-booking-answer/booking-answers.consumer';
import { SetEnvelopeController } from './set-envelope/set-envelope.controller';

/** ITI-FEDER: the EU envelope by axis, from application to payment; it asks the ledger to book, never books itself. */
@Module({
  controllers: [
    serviceInfoController(itiFederDescription, publishedItiEvents),
    SetEnvelopeController,
    ReceiveApplicationController,
    OperationLifecycleController,
  ],
  providers: [
    ProgrammeRepository,
    ItiBookingAnswersConsumer,
    serviceRelayProvider(itiFederDescription.service, publishedItiEvents),
  ],
})
export class ItiFederModule {}
