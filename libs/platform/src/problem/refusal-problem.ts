import { toDecimalString } from '@cvl/money';
import type { Refusal, RefusalKind } from '@cvl/refusal';
import { DomainRefusal } from './problem';

/** The one place a refusal's kind becomes an HTTP answer. */
const REFUSAL_ANSWERS: Record<RefusalKind, { status: 404 | 409 | 422; title: string }> = {
  unknown: { status: 404, title: 'Introuvable' },
  conflict: { status: 409, title: 'Conflit' },
  rule: { status: 422, title: 'Demande refusée' },
};

/**
 * A decider's refusal as the API's problem+json: its kind's status, its catalogue's title (« Enveloppe dépassée »;
 * the kind's when it has none), the field to correct, the excess in euros.
 */
export function refusalAsProblem(refusal: Refusal): DomainRefusal {
  const answer = REFUSAL_ANSWERS[refusal.kind];
  return new DomainRefusal(
    refusal.code,
    refusal.title ?? answer.title,
    refusal.message,
    answer.status,
    refusal.field ? [{ field: refusal.field, message: refusal.message }] : [],
    refusal.excessCents !== undefined ? { excess: toDecimalString(refusal.excessCents) } : {},
  );
}
