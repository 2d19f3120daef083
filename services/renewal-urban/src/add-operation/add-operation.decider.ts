import { toDecimalString, type Cents } from '@cvl/money';
import type { RenewalEvent, Trace } from '../domain/events';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { OPERATION_NATURES, type OperationNature } from '../domain/rules';
import type { Protocol } from '../domain/state';

export interface AddOperation {
  operationId: string;
  label: string;
  nature: OperationNature;
  projectOwner: string;
  quartier: string;
  eligibleBaseCents: Cents;
  start: string;
  end: string;
  /** The date costs start being incurred: only costs after the comité d'engagement are eligible. */
  costsFrom: string;
  boughtByGroup?: boolean;
  /** The ledger registry's operation, when another programme or the CALL already declared these works. */
  registryOperation?: string;
  trace: Trace;
}

/** An operation of the protocol: one project owner, one quartier, a subsidy base excluding VAT, a calendar. */
export function decideAddOperation(command: AddOperation, state: Protocol | undefined): RenewalEvent[] | Refusal {
  if (!state) return refuse('unknown-protocol', 'Protocole inconnu');
  if (state.operations.has(command.operationId))
    return refuse('operation-exists', `L’opération ${command.operationId} existe déjà`, {
      field: 'operationId',
    });
  if (!OPERATION_NATURES.includes(command.nature))
    return refuse('unknown-nature', `Nature d’opération inconnue « ${command.nature} »`, { field: 'nature' });
  if (!state.quartiers.some((q) => q.code === command.quartier))
    return refuse('quartier-not-in-protocol', `Le quartier ${command.quartier} n’est pas dans le protocole`, {
      field: 'quartier',
    });
  if (!state.parties.some((p) => p.code === command.projectOwner))
    return refuse('owner-not-party', `Le maître d’ouvrage « ${command.projectOwner} » n’est pas partie au protocole`, {
      field: 'projectOwner',
    });
  if (command.eligibleBaseCents <= 0n)
    return refuse('base-not-positive', 'L’assiette subventionnable HT doit être strictement positive', {
      field: 'eligibleBase',
    });
  if (command.end < command.start) return refuse('calendar-inverted', 'La fin précède le début', { field: 'end' });
  if (command.boughtByGroup && state.purchasingGroup.length === 0)
    return refuse('no-purchasing-group', 'Aucun groupement de commandes n’est constitué', { field: 'boughtByGroup' });
  if (state.committeeDate && command.costsFrom < state.committeeDate) {
    return refuse(
      'costs-before-committee',
      `Seuls les coûts postérieurs au comité d’engagement du ${state.committeeDate} sont éligibles (coûts à partir du ${command.costsFrom})`,
      { field: 'costsFrom' },
    );
  }
  return [
    {
      type: 'renewal-urban.operation-added',
      data: {
        protocolId: state.id,
        operationId: command.operationId,
        label: command.label,
        nature: command.nature,
        projectOwner: command.projectOwner,
        quartier: command.quartier,
        eligibleBase: toDecimalString(command.eligibleBaseCents),
        start: command.start,
        end: command.end,
        costsFrom: command.costsFrom,
        boughtByGroup: command.boughtByGroup ?? false,
        ...(command.registryOperation ? { registryOperation: command.registryOperation } : {}),
        trace: command.trace,
      },
    },
  ];
}
