import { COMMITMENTS_REFUSALS } from './domain/refusals';
import type { ServiceDescription } from '@cvl/platform';

export const commitmentsDescription: ServiceDescription = {
  service: 'commitments',
  title: 'Engagements',
  description:
    'Le grand livre de référence : chaque euro engagé par chaque financeur du contrat de ville, en écritures à partie double.',
  refusals: COMMITMENTS_REFUSALS,
};
