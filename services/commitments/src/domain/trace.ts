import type { ActorRef, SourceReference } from '@cvl/ledger';

/** Why a booking exists: who, for what reason, from when, on which act or document line. */
export interface BookingTrace {
  actor: ActorRef;
  /** A reason code from REASONS (« engagement-initial », « avenant », « clause-de-revoyure », …). */
  reasonCode: string;
  memo?: string;
  /** Valid time: the date the act takes effect (AAAA-MM-JJ). */
  effectiveDate: string;
  /** Transaction time: when the ledger recorded it (ISO instant). */
  recordedAt: string;
  source: SourceReference;
}

/** The act that makes a commitment legal (convention, arrêté, décision attributive de subvention…). */
export interface LegalAct {
  reference: string;
  date: string;
}

export const REASONS = {
  'engagement-initial': 'première inscription de l’engagement',
  intention: 'démarche d’intention',
  sollicitation: 'subvention sollicitée',
  previsionnel: 'montant prévisionnel',
  'engagement-juridique': 'engagement juridique (convention, arrêté, décision)',
  'condition-remplie': 'condition suspensive remplie',
  'condition-defaillie': 'condition suspensive défaillie',
  avenant: 'avenant',
  'clause-de-revoyure': 'clause de revoyure',
  paiement: 'paiement',
  degagement: 'dégagement (crédits non utilisés)',
  ventilation: 'ventilation d’une enveloppe commune',
  'ouverture-enveloppe': 'ouverture d’enveloppe',
  referentiel: 'mise à jour du référentiel',
  correction: 'correction d’erreur',
} as const;

export type ReasonCode = keyof typeof REASONS;

/** The document line a record cites (0 when it cites an act: the document's lines are recorded with theirs). */
export function documentLine(trace: BookingTrace): { line: number; section: string } {
  return trace.source.kind === 'document'
    ? { line: trace.source.line, section: trace.source.section ?? '' }
    : { line: 0, section: '' };
}

/**
 * The same line or step recorded again (an import run twice, a retried request): equal in everything but who
 * recorded it and when. Both come from one builder, so their keys come in the same order.
 */
export function sameButRecording<T extends { trace: BookingTrace }>(a: T, b: T): boolean {
  const content = (x: T) => JSON.stringify({ ...x, trace: { ...x.trace, recordedAt: undefined, actor: undefined } });
  return content(a) === content(b);
}

export function isReasonCode(code: string): code is ReasonCode {
  return Object.prototype.hasOwnProperty.call(REASONS, code);
}
