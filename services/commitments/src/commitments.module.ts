import { Module } from '@nestjs/common';
import { serviceInfoController, serviceRelayProvider } from '@cvl/platform';
import { commitmentsDescription } from './commitments.description';

/** Engagements: Le grand livre de référence : chaque euro engagé par chaque financeur du contrat de ville, en écritures à partie double. */
@Module({
  controllers: [serviceInfoController(commitmentsDescription)],
  providers: [serviceRelayProvider(commitmentsDescription.service)],
})
export class CommitmentsModule {}
