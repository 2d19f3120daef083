import { type Refusal } from '@cvl/refusal';
import type { Interest, RenewalEvent, Trace } from '../domain/events';
import { refuse } from '../domain/refusals';
import type { NpnruList } from './npnru-list';

export interface ListNpnruQuartier {
  code: string;
  name: string;
  interest: Interest;
  trace: Trace;
}

/** A quartier enters ANRU's list, or changes interest by a new act; listed again as it is, nothing new. */
export function decideListNpnruQuartier(
  command: ListNpnruQuartier,
  state: NpnruList | undefined,
): RenewalEvent[] | Refusal {
  if (!/^QP\d{6}$/.test(command.code))
    return refuse('invalid-qpv-code', `Code de quartier invalide : « ${command.code} »`, { field: 'code' });
  if (!command.name.trim()) return refuse('name-required', 'Le nom du quartier est requis', { field: 'name' });
  const listed = state?.quartiers.get(command.code);
  if (listed && listed.interest === command.interest && listed.name === command.name) return [];
  return [{ type: 'renewal-urban.npnru-quartier-listed', data: { ...command } }];
}

/**
 * The quartiers a protocol may draft: each on ANRU's list, with the interest the list gives it — a quartier outside
 * the NPNRU, or drafted with another interest, is refused naming it.
 */
export function npnruProblem(
  quartiers: ReadonlyArray<{ code: string; interest: Interest }>,
  list: NpnruList | undefined,
): Refusal | undefined {
  for (const [index, quartier] of quartiers.entries()) {
    const listed = list?.quartiers.get(quartier.code);
    if (!listed)
      return refuse(
        'quartier-outside-npnru',
        `Le quartier ${quartier.code} n’est pas sur la liste des quartiers NPNRU`,
        {
          field: `quartiers[${index}].code`,
        },
      );
    if (listed.interest !== quartier.interest)
      return refuse(
        'npnru-interest-mismatch',
        `${listed.name} (${quartier.code}) est d’intérêt ${listed.interest === 'national' ? 'national' : 'régional'} sur la liste NPNRU, pas ${quartier.interest === 'national' ? 'national' : 'régional'}`,
        { field: `quartiers[${index}].interest` },
      );
  }
  return undefined;
}
