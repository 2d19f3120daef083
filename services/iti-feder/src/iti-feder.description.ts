import { ITI_REFUSALS } from './domain/refusals';
import type { ServiceDescription } from '@cvl/platform';

export const itiFederDescription: ServiceDescription = {
  service: 'iti-feder',
  title: 'ITI-FEDER',
  description: "L'enveloppe européenne de l'ITI : axes, demandes, éligibilité, programmation, demandes de paiement.",
  refusals: ITI_REFUSALS,
};
