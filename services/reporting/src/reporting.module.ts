import { Module } from '@nestjs/common';
import { serviceInfoController } from '@cvl/platform';
import { reportingDescription } from './reporting.description';

/** Restitutions: Côté lecture : projections, états, exports et pistes d'audit reconstruits depuis les flux d'événements. */
// Reporting publishes nothing: it reads the other services' topics (later issues) and owns no truth.
@Module({
  controllers: [serviceInfoController(reportingDescription)],
})
export class ReportingModule {}
