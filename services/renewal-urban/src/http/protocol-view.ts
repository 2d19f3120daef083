import { toDecimalString } from '@cvl/money';
import { Versioned } from '@cvl/platform';
import type { Operation, Protocol } from '../domain/state';

/** Where an operation stands: planned, financed (plan set), approved (sent to the ledger), booked (every line answered). */
export function operationStatus(
  operation: Operation,
): 'prévue' | 'plan fixé' | 'approuvée' | 'inscrite' | 'inscrite en partie' | 'retirée' {
  if (operation.withdrawn) return 'retirée';
  if (operation.plan.length === 0) return 'prévue';
  if (operation.approvedVersion !== operation.planVersion) return 'plan fixé';
  const answers = operation.plan
    .map((line) => operation.bookings.get(line.funder))
    .filter((b) => b?.planVersion === operation.approvedVersion);
  if (answers.length < operation.plan.length) return 'approuvée';
  return answers.every((b) => b?.outcome === 'booked') ? 'inscrite' : 'inscrite en partie';
}

/** The protocol as people read it: status, quartiers, parties, group, operations with plans and what the ledger answered. */
export function protocolView(protocol: Protocol, revision: number) {
  return new Versioned(
    {
      id: protocol.id,
      label: protocol.label,
      status: protocol.status,
      ...(protocol.committeeDate ? { committeeDate: protocol.committeeDate } : {}),
      ...(protocol.signature ? { signature: protocol.signature } : {}),
      amendments: protocol.amendments,
      versions: protocol.versions.map((v) => ({ version: v.version, act: v.act })),
      quartiers: protocol.quartiers,
      parties: protocol.parties,
      purchasingGroup: protocol.purchasingGroup,
      operations: [...protocol.operations.values()].map((o) => ({
        id: o.id,
        status: operationStatus(o),
        label: o.label,
        nature: o.nature,
        projectOwner: o.projectOwner,
        quartier: o.quartier,
        eligibleBase: toDecimalString(o.eligibleBaseCents),
        calendar: { start: o.start, end: o.end, costsFrom: o.costsFrom },
        boughtByGroup: o.boughtByGroup,
        planVersion: o.planVersion,
        ...(o.approvedVersion ? { approvedVersion: o.approvedVersion } : {}),
        ...(o.withdrawn ? { withdrawn: o.withdrawn } : {}),
        ...(o.releases?.size ? { releases: Object.fromEntries(o.releases) } : {}),
        plan: o.plan.map((line) => ({
          ...line,
          booking: o.bookings.get(line.funder) ?? { outcome: o.approvedVersion ? 'pending' : 'not-requested' },
        })),
      })),
    },
    revision,
  );
}

export function protocolOf(protocol: Protocol) {
  return protocolView(protocol, protocol.revision);
}
