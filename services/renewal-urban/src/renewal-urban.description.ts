import { RENEWAL_REFUSALS } from './domain/refusals';
import type { ServiceDescription } from '@cvl/platform';

export const renewalUrbanDescription: ServiceDescription = {
  service: 'renewal-urban',
  title: 'Renouvellement urbain (NPNRU)',
  description: "NPNRU et protocole de préfiguration de l'ANRU : quartiers, études, opérations, plans de financement.",
  refusals: RENEWAL_REFUSALS,
};
