import { Module } from '@nestjs/common';
import { serviceInfoController, serviceRelayProvider } from '@cvl/platform';
import { renewalUrbanDescription } from './renewal-urban.description';

/** Renouvellement urbain (NPNRU): NPNRU et protocole de préfiguration de l'ANRU : quartiers, études, opérations, plans de financement. */
@Module({
  controllers: [serviceInfoController(renewalUrbanDescription)],
  providers: [serviceRelayProvider(renewalUrbanDescription.service)],
})
export class RenewalUrbanModule {}
