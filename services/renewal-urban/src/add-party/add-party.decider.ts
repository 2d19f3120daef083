import type { PartyOfProtocol, RenewalEvent, Trace } from '../domain/events';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { avenantProblem } from '../domain/avenant';
import type { Protocol } from '../domain/state';

export interface AddParty {
  party: PartyOfProtocol;
  /** Once the protocol is signed, a new party joins by an avenant: the act that says so. */
  act?: { reference: string; date: string };
  trace: Trace;
}

/**
 * A party joins the protocol (a landlord, a town, a co-funder): freely while it is a draft or under instruction,
 * by avenant once signed — then the act is cited and dated on or after the version it amends.
 */
export function decideAddParty(command: AddParty, state: Protocol | undefined): RenewalEvent[] | Refusal {
  if (!state) return refuse('unknown-protocol', 'Protocole inconnu');
  if (state.parties.some((p) => p.code === command.party.code))
    return refuse('party-exists', `« ${command.party.code} » est déjà partie au protocole`, { field: 'party.code' });
  const avenant = avenantProblem(state, command.act, 'une nouvelle partie le rejoint');
  if (avenant) return avenant;
  return [
    {
      type: 'renewal-urban.party-added',
      data: {
        protocolId: state.id,
        party: command.party,
        ...(state.status === 'signed' && command.act ? { act: command.act } : {}),
        trace: command.trace,
      },
    },
  ];
}
