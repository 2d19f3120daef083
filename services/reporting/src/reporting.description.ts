import type { ServiceDescription } from '@cvl/platform';

export const reportingDescription: ServiceDescription = {
  service: 'reporting',
  title: 'Restitutions',
  description:
    "Côté lecture : projections, états, exports et pistes d'audit reconstruits depuis les flux d'événements.",
};
