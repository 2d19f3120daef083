import type { CommitmentsEvent, ReferenceKind } from '../domain/events';
import { checkTrace } from '../domain/booking';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { referenceKey, type CommitmentsState } from '../domain/state';
import type { BookingTrace } from '../domain/trace';

export interface RecordReference {
  kind: ReferenceKind;
  code: string;
  name: string;
  attributes?: Record<string, string | string[]>;
  parent?: string;
  trace: BookingTrace;
}

const PARENT_KIND: Partial<Record<ReferenceKind, ReferenceKind>> = { axis: 'stake', objective: 'axis' };
const QPV_CODE = /^QP\d{6}$/;

/** Reference data (funders, EPCIs, quartiers, programmes, the strategy tree) is versioned as events too. */
export function decideRecordReference(command: RecordReference, state: CommitmentsState): CommitmentsEvent[] | Refusal {
  const traceProblem = checkTrace(command.trace);
  if (traceProblem) return traceProblem;
  if (!command.code.trim()) return refuse('code-required', 'Code obligatoire', { field: 'code' });
  if (!command.name.trim()) return refuse('name-required', 'Libellé obligatoire', { field: 'name' });
  if (command.kind === 'quartier' && !QPV_CODE.test(command.code)) {
    return refuse(
      'invalid-qpv-code',
      `Code de quartier prioritaire invalide : « ${command.code} » (attendu QP suivi de six chiffres, ex. QP062024)`,
      { field: 'code' },
    );
  }
  const parentKind = PARENT_KIND[command.kind];
  if (parentKind) {
    if (!command.parent)
      return refuse('parent-required', `Un élément « ${command.kind} » se rattache à un élément « ${parentKind} »`, {
        field: 'parent',
      });
    if (!state.references.has(referenceKey(parentKind, command.parent)))
      return refuse('unknown-parent', `Élément parent inconnu : ${parentKind} « ${command.parent} »`, {
        field: 'parent',
      });
  }
  const attributes = command.attributes ?? {};
  const existing = state.references.get(referenceKey(command.kind, command.code));
  if (
    existing &&
    existing.name === command.name &&
    existing.parent === command.parent &&
    JSON.stringify(existing.attributes) === JSON.stringify(attributes)
  ) {
    return [];
  }
  return [
    {
      type: 'commitments.reference-recorded',
      data: {
        kind: command.kind,
        code: command.code,
        name: command.name,
        attributes,
        ...(command.parent ? { parent: command.parent } : {}),
        trace: command.trace,
      },
    },
  ];
}
