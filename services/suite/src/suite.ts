import { CommitmentsModule, commitmentsDescription } from '@cvl/service-commitments';
import { ItiFederModule, itiFederDescription } from '@cvl/service-iti-feder';
import { RenewalUrbanModule, renewalUrbanDescription } from '@cvl/service-renewal-urban';
import { ReportingModule, reportingDescription } from '@cvl/service-reporting';
import type { ProcessDefinition } from '@cvl/platform';
import { mountEmbeddedSignIn } from './sign-in/identity-provider';
import { mountWebApplication } from './web/web-application';

/** The embedded mode: the four services' modules in one process, one port, PGlite on disk, in-process transport. */
export const embeddedSuite: ProcessDefinition = {
  name: 'suite',
  mode: 'embedded',
  defaultPort: 3000,
  modules: [CommitmentsModule, RenewalUrbanModule, ItiFederModule, ReportingModule],
  docs: [
    { ...commitmentsDescription, module: CommitmentsModule },
    { ...renewalUrbanDescription, module: RenewalUrbanModule },
    { ...itiFederDescription, module: ItiFederModule },
    { ...reportingDescription, module: ReportingModule },
  ],
  // The sign-in first (its provider's routes), then the web application at `/`, which leaves /api… to the services.
  beforeListen: (app, infrastructure) => {
    mountEmbeddedSignIn(app, infrastructure);
    mountWebApplication(app);
  },
};
