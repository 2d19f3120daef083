import { NotFoundException } from '@nestjs/common';
import type { Access, RoutePolicy } from '@cvl/platform';
import type { Operation, Protocol } from '../domain/state';
import { protocolOf } from './protocol-view';

/** ANRU instructs the protocol; the parties that sign it read it whole; others see only their operations. */
export const INSTRUCTS_PROTOCOL: RoutePolicy = { all: ['instructeur-anru'] };
export const FILES_PLAN: RoutePolicy = {
  all: ['instructeur-anru'],
  own: { 'maitre-ouvrage': 'le plan des opérations dont il est maître d’ouvrage' },
};
export const READS_PROTOCOL: RoutePolicy = {
  all: ['pilotage', 'instructeur-anru', 'auditeur'],
  own: {
    financeur: 'les protocoles dont il est partie ; ailleurs, les seules opérations qu’il cofinance',
    'maitre-ouvrage':
      'les protocoles dont il est partie ; ailleurs, les seules opérations dont il est maître d’ouvrage',
  },
};
export const READS_SIGNED_TABLE: RoutePolicy = {
  all: ['pilotage', 'instructeur-anru', 'auditeur'],
  own: {
    financeur: 'la maquette des protocoles dont il est partie',
    'maitre-ouvrage': 'la maquette des protocoles dont il est partie',
  },
};

const isParty = (access: Access, protocol: Protocol) => protocol.parties.some((p) => p.code === access.organisation);

/** An operation this principal may see in a protocol it is no party to: one it owns, or one it co-finances. */
function ownsOrFinances(access: Access, operation: Operation): boolean {
  return (
    (access.actsAs('maitre-ouvrage') && operation.projectOwner === access.organisation) ||
    (access.actsAs('financeur') && operation.plan.some((l) => l.funder === access.organisation))
  );
}

/** The protocol as this principal may read it: whole for the instructing roles and the parties, else cut to its operations. */
export function protocolFor(access: Access, protocol: Protocol) {
  if (access.all || isParty(access, protocol)) return protocolOf(protocol);
  const operations = new Map([...protocol.operations].filter(([, o]) => ownsOrFinances(access, o)));
  if (operations.size === 0) throw new NotFoundException(`Protocole inconnu : ${protocol.id}`);
  return protocolOf({ ...protocol, operations });
}

/** The signed table is the parties' own: anyone else is told the protocol does not exist for them. */
export function assertReadsSignedTable(access: Access, protocol: Protocol): void {
  if (!access.all && !isParty(access, protocol)) throw new NotFoundException(`Protocole inconnu : ${protocol.id}`);
}

/** A project owner files the plan of its own operations only. */
export function assertFilesPlanOf(access: Access, protocol: Protocol, operationId: string): void {
  const operation = protocol.operations.get(operationId);
  if (operation)
    access.requireFor(
      'maitre-ouvrage',
      operation.projectOwner,
      `${access.organisation} n’est pas maître d’ouvrage de l’opération ${operationId} (${operation.projectOwner})`,
    );
}
