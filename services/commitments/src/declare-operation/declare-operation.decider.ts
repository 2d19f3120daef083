import type { Cents } from '@cvl/money';
import type { Refusal } from '@cvl/refusal';
import { checkAmount, checkTrace, decimal } from '../domain/booking';
import type { CommitmentsEvent, OperationReference } from '../domain/events';
import { refuse } from '../domain/refusals';
import { referenceKey, type CommitmentsState, type Operation } from '../domain/state';
import type { BookingTrace } from '../domain/trace';

export interface DeclareOperation {
  operationId: string;
  label: string;
  projectOwner: string;
  quartiers: string[];
  stake?: string;
  axis?: string;
  objective?: string;
  nature?: string;
  eligibleBaseCents: Cents;
  eligibleBaseTtcCents?: Cents;
  start?: string;
  end?: string;
  references: OperationReference[];
  trace: BookingTrace;
}

/**
 * Declares an operation in the registry — or, when it is already there, adds the references it did not have: a
 * second programme that finances the same works names the same operation, and its aid then counts against the same
 * caps. What the first declaration said (owner, base, calendar) stays; it changes by its own command, not here.
 */
export function decideDeclareOperation(
  command: DeclareOperation,
  state: CommitmentsState,
): CommitmentsEvent[] | Refusal {
  const trace = checkTrace(command.trace);
  if (trace) return trace;
  const known = state.operations.get(command.operationId);
  if (known) {
    const has = (r: OperationReference) =>
      known.references.some((k) => k.system === r.system && k.reference === r.reference);
    const referenced = command.references
      .filter((reference) => !has(reference))
      .map((reference) => ({
        type: 'commitments.operation-referenced' as const,
        data: { operationId: known.id, reference, trace: command.trace },
      }));
    return [...referenced, ...revisedByDeclarer(command, known)];
  }
  if (!command.label.trim()) return refuse('label-required', 'Libellé de l’opération obligatoire', { field: 'label' });
  // The project owner need not fund anything (an association, a company): not checked against the funders. When it
  // is a funder, its category decides the caps that depend on it (a local authority's minimum share).
  const problem = checkAmount(command.eligibleBaseCents, 'eligibleBase') ?? unknownReference(state, command);
  if (problem) return problem;
  if (command.eligibleBaseTtcCents !== undefined && command.eligibleBaseTtcCents < command.eligibleBaseCents)
    return refuse('operation-calendar', 'L’assiette TTC ne peut être inférieure à l’assiette HT', {
      field: 'eligibleBaseTtc',
    });
  if (command.start && command.end && command.end < command.start)
    return refuse('operation-calendar', `L’opération finit (${command.end}) avant de commencer (${command.start})`, {
      field: 'end',
    });
  return [
    {
      type: 'commitments.operation-declared',
      data: {
        operationId: command.operationId,
        label: command.label,
        projectOwner: command.projectOwner,
        quartiers: command.quartiers,
        ...(command.stake ? { stake: command.stake } : {}),
        ...(command.axis ? { axis: command.axis } : {}),
        ...(command.objective ? { objective: command.objective } : {}),
        ...(command.nature ? { nature: command.nature } : {}),
        eligibleBase: decimal(command.eligibleBaseCents),
        ...(command.eligibleBaseTtcCents !== undefined
          ? { eligibleBaseTtc: decimal(command.eligibleBaseTtcCents) }
          : {}),
        ...(command.start ? { start: command.start } : {}),
        ...(command.end ? { end: command.end } : {}),
        references: command.references,
        trace: command.trace,
      },
    },
  ];
}

/** The quartiers and the contract's stake, axis and objective the operation names must be in the referential. */
function unknownReference(state: CommitmentsState, command: DeclareOperation): Refusal | undefined {
  const named: Array<['quartier' | 'stake' | 'axis' | 'objective', string | undefined, string]> = [
    ...command.quartiers.map((q, i) => ['quartier', q, `quartiers[${i}]`] as ['quartier', string, string]),
    ['stake', command.stake, 'stake'],
    ['axis', command.axis, 'axis'],
    ['objective', command.objective, 'objective'],
  ];
  for (const [kind, code, field] of named)
    if (code !== undefined && !state.references.has(referenceKey(kind, code)))
      return refuse('unknown-reference', `Référence inconnue : ${kind} « ${code} »`, { field });
  return undefined;
}

/**
 * The system that declared an operation (its first reference) speaks for its base and calendar: when it names the
 * operation again with a new base or calendar (a protocol's avenant, a revised application), the registry follows —
 * the caps are then rates of the new base. Another programme naming the same works changes none of it.
 */
function revisedByDeclarer(command: DeclareOperation, known: Operation): CommitmentsEvent[] {
  const declarer = known.references[0];
  if (!declarer || !command.references.some((r) => r.system === declarer.system && r.reference === declarer.reference))
    return [];
  const changed = {
    ...(command.eligibleBaseCents !== known.eligibleBaseCents
      ? { eligibleBase: decimal(command.eligibleBaseCents) }
      : {}),
    ...(command.start && command.start !== known.start ? { start: command.start } : {}),
    ...(command.end && command.end !== known.end ? { end: command.end } : {}),
  };
  if (Object.keys(changed).length === 0) return [];
  return [
    {
      type: 'commitments.operation-revised',
      data: { operationId: known.id, ...changed, by: declarer, trace: command.trace },
    },
  ];
}
