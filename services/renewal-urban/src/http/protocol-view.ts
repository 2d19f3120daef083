import { toDecimalString } from '@cvl/money';
import { Versioned } from '@cvl/platform';
import type { Protocol } from '../domain/state';

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
        label: o.label,
        nature: o.nature,
        projectOwner: o.projectOwner,
        quartier: o.quartier,
        eligibleBase: toDecimalString(o.eligibleBaseCents),
        calendar: { start: o.start, end: o.end, costsFrom: o.costsFrom },
        boughtByGroup: o.boughtByGroup,
        planVersion: o.planVersion,
        ...(o.approvedVersion ? { approvedVersion: o.approvedVersion } : {}),
        plan: o.plan.map((line) => ({ ...line, booking: o.bookings.get(line.funder) ?? { outcome: o.approvedVersion ? 'pending' : 'not-requested' } })),
      })),
    },
    revision,
  );
}
