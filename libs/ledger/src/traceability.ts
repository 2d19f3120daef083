import type { SourceReference, Traceability } from './types';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function isIsoInstant(text: unknown): text is string {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text));
}

function sourceProblem(source: SourceReference | undefined): string | undefined {
  if (!source || typeof source !== 'object') return 'source manquante (acte ou document et ligne)';
  if (source.kind === 'act') {
    return source.reference?.trim() ? undefined : 'source : référence de l’acte manquante';
  }
  if (source.kind === 'document') {
    if (!source.document?.trim()) return 'source : document manquant';
    if (!Number.isInteger(source.line) || source.line < 1) return 'source : numéro de ligne invalide';
    return undefined;
  }
  return 'source : nature inconnue (attendu « act » ou « document »)';
}

/** Lists, in French, what a booking lacks to be traceable: actor, reason, effective date, recorded date, source. */
export function traceabilityProblems(trace: Partial<Traceability>): string[] {
  const problems: string[] = [];
  if (
    !trace.actor ||
    typeof trace.actor !== 'object' ||
    !trace.actor.subject?.trim() ||
    !trace.actor.organisation?.trim() ||
    !Array.isArray(trace.actor.roles)
  )
    problems.push('acteur manquant (sujet, organisation et rôles)');
  if (!trace.reasonCode?.trim()) problems.push('motif manquant');
  if (!isIsoDate(trace.effectiveDate)) problems.push('date d’effet invalide (attendu AAAA-MM-JJ)');
  if (!isIsoInstant(trace.recordedAt)) problems.push('date d’enregistrement invalide');
  const source = sourceProblem(trace.source);
  if (source) problems.push(source);
  return problems;
}
