import { fromDecimalString } from '@cvl/money';
import { type Refusal } from '@cvl/refusal';
import { checkTrace } from '../domain/booking';
import type { CommitmentsEvent, DocumentFigureRecorded } from '../domain/events';
import { refuse } from '../domain/refusals';
import { referenceKey, type CommitmentsState } from '../domain/state';
import { sameButRecording } from '../domain/trace';

export type RecordDocumentFigure = DocumentFigureRecorded;

/** Roles whose line is money counted in the ledger: a rollup of booked parts may not be one of them. */
const COUNTED = new Set(['booking', 'envelope']);
/** A rollup's parts are read down to this depth (subtotals of subtotals): the document nests two or three levels. */
const PARTS_DEPTH_MAX = 8;

/**
 * A money line of the source document, recorded with its provenance. It must say where it is (a document line),
 * state money unless it is a participation pour mémoire (which states none), link the booking or envelope it is,
 * and add up figures already recorded. A rollup whose parts are booked is never booked itself: the same euros would
 * count twice.
 */
export function decideRecordDocumentFigure(
  command: RecordDocumentFigure,
  state: CommitmentsState,
): CommitmentsEvent[] | Refusal {
  const problem = checkTrace(command.trace) ?? shapeProblem(command) ?? linkProblem(command, state);
  if (problem) return problem;
  const existing = state.documentFigures.get(command.figureId);
  if (existing) {
    return sameButRecording(existing, command)
      ? []
      : refuse('figure-exists', `Le montant ${command.figureId} est déjà enregistré avec un autre contenu`, {
          field: 'figureId',
        });
  }
  return [{ type: 'commitments.document-figure-recorded', data: command }];
}

function shapeProblem(command: RecordDocumentFigure): Refusal | undefined {
  if (command.trace.source.kind !== 'document')
    return refuse('figure-source-required', 'Un montant du document cite sa ligne (source de type « document »)', {
      field: 'trace.source',
    });
  if (!command.text.trim()) return refuse('stated-text-required', 'Le texte du montant est requis', { field: 'text' });
  if (!command.scale.trim()) return refuse('scale-required', 'L’échelle est requise', { field: 'scale' });
  const { fromYear, toYear } = command.period;
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear < 1990 || toYear > 2100 || fromYear > toYear)
    return refuse('invalid-year', `Période invalide : ${fromYear}-${toYear}`, { field: 'period' });
  if (command.role === 'pour-memoire') {
    if (command.amount !== undefined || command.range !== undefined)
      return refuse(
        'figure-amount',
        'Une participation pour mémoire n’a pas de montant : elle n’entre dans aucun total',
        {
          field: 'amount',
        },
      );
    if (!command.funder)
      return refuse('unknown-funder', 'Une participation pour mémoire nomme le partenaire qui participe', {
        field: 'funder',
      });
    return undefined;
  }
  if (command.amount === undefined && command.range === undefined)
    return refuse('figure-amount', 'Un montant du document énonce un montant ou une fourchette', { field: 'amount' });
  if (command.amount !== undefined && fromDecimalString(command.amount) < 0n)
    return refuse('figure-amount', `Montant négatif : ${command.amount}`, { field: 'amount' });
  if (command.range) {
    const min = fromDecimalString(command.range.min);
    const max = fromDecimalString(command.range.max);
    const central = command.range.central === undefined ? undefined : fromDecimalString(command.range.central);
    if (min > max || (central !== undefined && (central < min || central > max)))
      return refuse('figure-amount', `Fourchette incohérente : ${command.range.min} à ${command.range.max}`, {
        field: 'range',
      });
  }
  if ((command.role === 'booking') !== (command.commitmentId !== undefined))
    return refuse('figure-amount', 'Seul un montant inscrit (rôle booking) nomme son engagement, et il le nomme', {
      field: 'commitmentId',
    });
  return undefined;
}

function linkProblem(command: RecordDocumentFigure, state: CommitmentsState): Refusal | undefined {
  if (command.funder && !state.references.has(referenceKey('funder', command.funder)))
    return refuse('unknown-funder', `Financeur inconnu : ${command.funder}`, { field: 'funder' });
  if (command.commitmentId) {
    const commitment = state.commitments.get(command.commitmentId);
    if (!commitment)
      return refuse('unknown-commitment', `Engagement inconnu : ${command.commitmentId}`, { field: 'commitmentId' });
    if (command.funder && command.funder !== commitment.funder)
      return refuse('unknown-funder', `L’engagement ${commitment.id} est celui de ${commitment.funder}`, {
        field: 'funder',
      });
  }
  if (command.envelopeId && !state.envelopes.has(command.envelopeId))
    return refuse('unknown-envelope', `Enveloppe inconnue : ${command.envelopeId}`, { field: 'envelopeId' });
  for (const [index, part] of (command.parts ?? []).entries()) {
    if (part === command.figureId || !state.documentFigures.has(part))
      return refuse('unknown-figure', `Partie inconnue : ${part} (enregistrez les parties avant leur total)`, {
        field: `parts[${index}]`,
      });
  }
  if (COUNTED.has(command.role)) {
    const booked = countedPart(command.parts ?? [], state, 0);
    if (booked)
      return refuse(
        'rollup-double-booked',
        `${command.figureId} additionne ${booked}, déjà inscrit : le total et ses parties ne s’inscrivent pas tous deux`,
        { field: 'role' },
      );
  }
  return undefined;
}

/** The first part, at any depth, that is itself counted in the ledger. */
function countedPart(parts: readonly string[], state: CommitmentsState, depth: number): string | undefined {
  if (depth >= PARTS_DEPTH_MAX) return undefined;
  for (const id of parts) {
    const part = state.documentFigures.get(id);
    if (!part) continue;
    if (COUNTED.has(part.role)) return id;
    const inner = countedPart(part.parts ?? [], state, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}
