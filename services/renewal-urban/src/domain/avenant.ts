import type { Refusal } from '@cvl/refusal';
import { refuse } from './refusals';
import type { Protocol } from './state';

/**
 * What changes a protocol once it is signed changes it by avenant: the act is cited, and dated on or after the
 * version it amends. Before signature nothing is asked (the protocol is still being drawn up).
 */
export function avenantProblem(
  state: Protocol,
  act: { reference: string; date: string } | undefined,
  what: string,
): Refusal | undefined {
  if (state.status !== 'signed') return undefined;
  if (!act) return refuse('amendment-act-required', `Le protocole est signé : ${what} par avenant`, { field: 'act' });
  const last = state.versions[state.versions.length - 1];
  return last && act.date < last.act.date
    ? refuse(
        'step-before-previous',
        `L’avenant (${act.date}) ne peut précéder la version ${last.version} signée (${last.act.date})`,
        { field: 'act.date' },
      )
    : undefined;
}
