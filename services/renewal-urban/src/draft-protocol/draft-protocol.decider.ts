import type { PartyOfProtocol, QuartierOfProtocol, RenewalEvent, Trace } from '../domain/events';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import type { Protocol } from '../domain/state';
import { npnruProblem } from '../list-npnru-quartier/list-npnru-quartier.decider';
import type { NpnruList } from '../list-npnru-quartier/npnru-list';

export interface DraftProtocol {
  protocolId: string;
  label: string;
  quartiers: QuartierOfProtocol[];
  parties: PartyOfProtocol[];
  /** The contract's stake and objective the protocol finances: every booking it asks for carries them. */
  stake?: string;
  objective?: string;
  trace: Trace;
  /** ANRU's list of NPNRU quartiers as the handler read it (not the caller's): each drafted quartier must be on it. */
  npnru?: NpnruList;
}

export interface FormPurchasingGroup {
  /** Each member and its weight in the cost-sharing key — all weighted, or none while the key is still to be set. */
  members: Array<{ code: string; weight?: number }>;
  trace: Trace;
}

/** One protocol for the NPNRU quartiers, with its parties (towns, the CALL, landlords, ANRU, co-funders). */
export function decideDraftProtocol(command: DraftProtocol, state: Protocol | undefined): RenewalEvent[] | Refusal {
  if (state)
    return refuse('protocol-exists', `Le protocole ${command.protocolId} existe déjà`, {
      field: 'protocolId',
    });
  if (command.quartiers.length === 0)
    return refuse('quartiers-required', 'Le protocole porte sur au moins un quartier NPNRU', { field: 'quartiers' });
  const bad = command.quartiers.find((q) => !/^QP\d{6}$/.test(q.code));
  if (bad) return refuse('invalid-qpv-code', `Code de quartier invalide : « ${bad.code} »`, { field: 'quartiers' });
  const outside = npnruProblem(command.quartiers, command.npnru);
  if (outside) return outside;
  if (!command.parties.some((p) => p.code === 'anru'))
    return refuse('anru-party-required', 'L’ANRU est partie au protocole de préfiguration', { field: 'parties' });
  const { npnru: _list, ...drafted } = command;
  return [{ type: 'renewal-urban.protocol-drafted', data: drafted }];
}

/**
 * The groupement de commandes: its members and their cost-sharing key (weights). A study it buys is split among
 * them exactly, to the cent (largest remainder). A group may be formed before its key is agreed (the Lens-Liévin
 * contract names the members, l. 3532, not the key): then nothing it buys can be split until it is formed again with
 * one.
 */
export function decideFormPurchasingGroup(
  command: FormPurchasingGroup,
  state: Protocol | undefined,
): RenewalEvent[] | Refusal {
  if (!state) return refuse('unknown-protocol', 'Protocole inconnu');
  if (command.members.length < 2)
    return refuse('group-too-small', 'Un groupement de commandes réunit au moins deux membres', { field: 'members' });
  const parties = new Set(state.parties.map((p) => p.code));
  for (const [index, member] of command.members.entries()) {
    if (!parties.has(member.code))
      return refuse('member-not-party', `« ${member.code} » n’est pas partie au protocole`, {
        field: `members[${index}].code`,
      });
    if (member.weight !== undefined && (!Number.isInteger(member.weight) || member.weight <= 0))
      return refuse('invalid-weight', 'Clé de répartition : entier strictement positif', {
        field: `members[${index}].weight`,
      });
  }
  const weighted = command.members.filter((m) => m.weight !== undefined).length;
  if (weighted !== 0 && weighted !== command.members.length)
    return refuse(
      'invalid-weight',
      'Clé de répartition : un poids pour chaque membre, ou aucun tant qu’elle est à définir',
      {
        field: 'members',
      },
    );
  if (new Set(command.members.map((m) => m.code)).size !== command.members.length)
    return refuse('duplicate-member', 'Membre en double', { field: 'members' });
  return [
    {
      type: 'renewal-urban.purchasing-group-formed',
      data: { protocolId: state.id, members: command.members, trace: command.trace },
    },
  ];
}
