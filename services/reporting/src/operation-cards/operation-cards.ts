import { fromDecimalString, rateBasisPointsOf, toDecimalString } from '@cvl/money';
import { asJson, plus, zero } from '../co-financing-matrix/co-financing-matrix';
import { figuresOf, type ProjectedCommitment } from '../projection/commitment-projection';
import type { OperationDoc } from '../projection/programme-projection';

export interface OperationFilter {
  source?: string;
  programme?: string;
  quartier?: string;
  funder?: string;
}

/** « 12,50 % » of a cost, in basis points, from cents (no float); none when the cost is zero. */
const shareBasisPoints = (part: bigint, whole: bigint) =>
  whole <= 0n ? null : Number(rateBasisPointsOf(part < 0n ? 0n : part, whole));

/**
 * One card per operation, across programmes: what its programme says (cost, status, plan by funder, FEDER
 * programmed / paid / released) beside what the ledger booked for it (every funder's commitments, with their
 * figures and share of the cost). Plan and ledger are shown side by side, so a line refused or not yet booked shows.
 */
export function operationCard(operation: OperationDoc, commitments: readonly ProjectedCommitment[]) {
  const askedByThisProgramme = (c: ProjectedCommitment) =>
    c.request !== undefined &&
    c.request.source === operation.source &&
    c.request.protocolId === operation.programmeId &&
    c.request.operationId === operation.operationId;
  // The same works financed through another programme (the ledger's registry names them): their aid shows here too.
  const mine = commitments.filter(
    (c) =>
      askedByThisProgramme(c) ||
      (operation.registryOperation !== undefined && c.attribution.operation === operation.registryOperation),
  );
  const cost = fromDecimalString(operation.cost);
  const funders = [...new Set([...operation.plan.map((l) => l.funder), ...mine.map((c) => c.funder)])].sort();
  let total = zero();
  const shares = funders.map((funder) => {
    const planned = operation.plan
      .filter((l) => l.funder === funder)
      .reduce((sum, l) => sum + fromDecimalString(l.amount), 0n);
    const booked = mine.filter((c) => c.funder === funder);
    const figures = booked.map(figuresOf).reduce(plus, zero());
    total = plus(total, figures);
    const committed = figures.indicative + figures.conditional + figures.firm;
    const lines = operation.plan.filter((l) => l.funder === funder);
    return {
      funder,
      planned: toDecimalString(planned),
      // A card with no plan (the registry's): the share is what the funder committed.
      share: shareBasisPoints(lines.length > 0 ? planned : committed, cost),
      booking: lines.some((l) => l.booking === 'refused')
        ? 'refusée'
        : booked.length > 0 || (lines.length > 0 && lines.every((l) => l.booking === 'booked'))
          ? 'engagée'
          : 'en attente',
      ...(lines.find((l) => l.reason) ? { reason: lines.find((l) => l.reason)?.reason } : {}),
      committed: toDecimalString(committed),
      figures: asJson(figures),
      commitments: booked.map((c) => c.id).sort(),
      // Which programmes booked this funder's aid for the works (« registre » when booked in the ledger directly).
      programmes: [...new Set(booked.map((c) => c.request?.source ?? 'registre'))].sort(),
    };
  });
  const planned = operation.plan.reduce((sum, l) => sum + fromDecimalString(l.amount), 0n);
  return {
    key: operation.key,
    source: operation.source,
    programmeId: operation.programmeId,
    operationId: operation.operationId,
    label: operation.label,
    owner: operation.owner,
    quartier: operation.quartier,
    ...(operation.nature ? { nature: operation.nature } : {}),
    ...(operation.axis !== undefined ? { axis: operation.axis } : {}),
    ...(operation.priority ? { priority: operation.priority } : {}),
    status: operation.status,
    ...(operation.act ? { act: operation.act } : {}),
    cost: operation.cost,
    ...(operation.registryOperation ? { registryOperation: operation.registryOperation } : {}),
    ...(operation.references?.length ? { references: operation.references } : {}),
    planned: toDecimalString(planned),
    ...(operation.feder ? { feder: operation.feder } : {}),
    funders: shares,
    totals: asJson(total),
    history: operation.provenance,
  };
}

export type OperationCard = ReturnType<typeof operationCard>;

export function operationCards(
  operations: readonly OperationDoc[],
  commitments: readonly ProjectedCommitment[],
  filter: OperationFilter = {},
): OperationCard[] {
  return operations
    .filter(
      (o) =>
        (!filter.source || o.source === filter.source) &&
        (!filter.programme || o.programmeId === filter.programme) &&
        (!filter.quartier || o.quartier.split(', ').includes(filter.quartier)),
    )
    .map((o) => operationCard(o, commitments))
    .filter((card) => !filter.funder || card.funders.some((f) => f.funder === filter.funder));
}
