import { Module } from '@nestjs/common';
import { serviceInfoController, serviceRelayProvider } from '@cvl/platform';
import { itiFederDescription } from './iti-feder.description';

/** ITI-FEDER: L'enveloppe européenne de l'ITI : axes, demandes, éligibilité, programmation, demandes de paiement. */
@Module({
  controllers: [serviceInfoController(itiFederDescription)],
  providers: [serviceRelayProvider(itiFederDescription.service)],
})
export class ItiFederModule {}
