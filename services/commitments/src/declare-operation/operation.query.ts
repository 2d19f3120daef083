import { NotFoundException } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import { formatEurosFr, toDecimalString } from '@cvl/money';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import { aidByFunder, capPositions, operationsOverCap } from '../domain/co-financing';
import { referenceKey, type Commitment, type CommitmentsState, type Operation } from '../domain/state';

function readsOperation(access: Access, state: CommitmentsState, operation: Operation): boolean {
  if (access.all) return true;
  const known = (system: string) => operation.references.some((r) => r.system === system);
  return (
    (access.actsAs('financeur') &&
      operation.commitmentIds.some((id) => state.commitments.get(id)?.funder === access.organisation)) ||
    (access.actsAs('maitre-ouvrage') && operation.projectOwner === access.organisation) ||
    (access.actsAs('instructeur-anru') && known('renewal-urban')) ||
    (access.actsAs('autorite-gestion') && known('iti-feder'))
  );
}

const euros = (cents: bigint) => ({ amount: toDecimalString(cents), formatted: formatEurosFr(cents) });

/**
 * The card of an operation across programmes: what the registry knows, each funder's aid (live commitments, from
 * whichever programme booked them), and every cap that applies with what counts against it.
 */
export function operationView(state: CommitmentsState, operation: Operation, onDate: string) {
  const aid = aidByFunder(state, operation);
  const booked = operation.commitmentIds
    .map((id) => state.commitments.get(id))
    .filter((c): c is Commitment => c !== undefined && c.status !== 'lapsed');
  return {
    id: operation.id,
    label: operation.label,
    projectOwner: operation.projectOwner,
    projectOwnerName:
      state.references.get(referenceKey('funder', operation.projectOwner))?.name ?? operation.projectOwner,
    quartiers: operation.quartiers,
    ...(operation.stake ? { stake: operation.stake } : {}),
    ...(operation.axis ? { axis: operation.axis } : {}),
    ...(operation.objective ? { objective: operation.objective } : {}),
    ...(operation.nature ? { nature: operation.nature } : {}),
    eligibleBase: toDecimalString(operation.eligibleBaseCents),
    ...(operation.eligibleBaseTtcCents !== undefined
      ? { eligibleBaseTtc: toDecimalString(operation.eligibleBaseTtcCents) }
      : {}),
    ...(operation.start ? { start: operation.start } : {}),
    ...(operation.end ? { end: operation.end } : {}),
    references: operation.references,
    funders: [...aid]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([funder, cents]) => ({
        funder,
        funderName: state.references.get(referenceKey('funder', funder))?.name ?? funder,
        ownShare: funder === operation.projectOwner,
        ...euros(cents),
        commitments: booked.filter((c) => c.funder === funder).map((c) => c.id),
        programmes: [
          ...new Set(booked.filter((c) => c.funder === funder).map((c) => c.request?.source ?? 'registre')),
        ].sort(),
      })),
    caps: capPositions(state, operation, onDate).map((p) => ({
      rule: p.rule.id,
      label: p.rule.label,
      source: p.rule.source,
      rateBasisPoints: p.rule.maxRateBasisPoints,
      cap: toDecimalString(p.capCents),
      counted: toDecimalString(p.countedCents),
      excess: toDecimalString(p.excessCents),
      ok: p.excessCents === 0n,
    })),
    version: operation.version,
  };
}

export type OperationView = ReturnType<typeof operationView>;

const today = () => new Date().toISOString().slice(0, 10);

export class OperationQuery extends LedgerQuery<'operation', { access: Access; operationId: string }, OperationView> {
  readonly type = 'operation';
}

/** An operation the principal has no part in is, for it, an operation that does not exist. */
@QueryHandler(OperationQuery)
export class OperationQueryHandler extends LedgerQueryHandler<OperationQuery, OperationView> {
  protected read({ access, operationId }: OperationQuery['params'], state: CommitmentsState): OperationView {
    const operation = state.operations.get(operationId);
    if (!operation || !readsOperation(access, state, operation))
      throw new NotFoundException(`Opération inconnue du registre : ${operationId}`);
    return operationView(state, operation, today());
  }
}

export interface OperationsList {
  operations: OperationView[];
  /** Operations over one of their caps today, among those listed. */
  overCap: number;
}

export class OperationsQuery extends LedgerQuery<
  'operations',
  { access: Access; overCapOnly?: boolean },
  OperationsList
> {
  readonly type = 'operations';
}

/** The registry as the principal may read it; with `overCapOnly`, what the integrity report lists. */
@QueryHandler(OperationsQuery)
export class OperationsQueryHandler extends LedgerQueryHandler<OperationsQuery, OperationsList> {
  protected read({ access, overCapOnly }: OperationsQuery['params'], state: CommitmentsState): OperationsList {
    const on = today();
    const over = new Set(operationsOverCap(state, on).map(({ operation }) => operation.id));
    const operations = [...state.operations.values()]
      .filter((operation) => readsOperation(access, state, operation))
      .filter((operation) => !overCapOnly || over.has(operation.id))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((operation) => operationView(state, operation, on));
    return { operations, overCap: operations.filter((o) => over.has(o.id)).length };
  }
}
